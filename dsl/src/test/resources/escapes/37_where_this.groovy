// expect: 'this' cannot be used
webhook('escape') {
    on 'Project:Created'
    filter {
        where { e -> this.evaluate("'touch @MARKER@'.execute()") != null }
    }
    request { post 'https://example.com/hook' }
}
