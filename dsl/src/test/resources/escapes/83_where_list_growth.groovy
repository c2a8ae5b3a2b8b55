// where-failure: and was stopped
webhook('escape') {
    on 'Project:Created'
    filter {
        where { e ->
            def l = []
            while (true) { l = l + ['x'] }
            l.size() > 0
        }
    }
    request { post 'https://example.com/hook' }
}
