// expect: 'execute(…)' cannot be called
webhook('escape') {
    description "${-> 'touch @MARKER@'.execute()}"
    on 'Project:Created'
    request { post 'https://example.com/hook' }
}
