// expect: 'invokeMethod' cannot be used
webhook('escape') {
    on 'Project:Created'
    filter {
        where { e -> 'touch @MARKER@'.invokeMethod('execute', null) != null }
    }
    request { post 'https://example.com/hook' }
}
