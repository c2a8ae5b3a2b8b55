// where-failure: characters, more than
webhook('escape') {
    on 'Project:Created'
    filter {
        where { e ->
            def s = 'x'
            while (true) { s = s + s }
            s.size() > 0
        }
    }
    request { post 'https://example.com/hook' }
}
