// where-failure: characters, more than
webhook('escape') {
    on 'Project:Created'
    filter {
        where { e ->
            ('x' * 100_000).replace('x', 'y' * 1000).size() > 0
        }
    }
    request { post 'https://example.com/hook' }
}
