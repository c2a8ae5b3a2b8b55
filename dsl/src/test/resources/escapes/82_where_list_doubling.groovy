// where-failure: elements, more than
webhook('escape') {
    on 'Project:Created'
    filter {
        where { e ->
            def l = [1]
            while (true) { l = l + l }
            l.size() > 0
        }
    }
    request { post 'https://example.com/hook' }
}
