// expect: 'with(…)' cannot be called
webhook('escape') {
    on 'Project:Created'
    filter {
        where { e -> 'touch @MARKER@'.with { execute() } != null }
    }
    request { post 'https://example.com/hook' }
}
