// expect: 'getClass' cannot be used
webhook('escape') {
    on 'Project:Created'
    filter {
        where { e -> e.getClass().forName('java.lang.Runtime').getRuntime().exec('touch @MARKER@') != null }
    }
    request { post 'https://example.com/hook' }
}
