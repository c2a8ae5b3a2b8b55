// expect: 'owner' cannot be used
webhook('escape') {
    on 'Project:Created'
    filter {
        where { e -> owner.evaluate("'touch @MARKER@'.execute()") != null }
    }
    request { post 'https://example.com/hook' }
}
