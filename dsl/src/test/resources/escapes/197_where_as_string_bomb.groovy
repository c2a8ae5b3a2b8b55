// where-failure: characters, more than
webhook('escape') {
    on 'Project:Created'
    filter {
        where { e ->
            (([('x' * 100_000)] * 100_000) as String).size() > 0
        }
    }
    request { post 'https://example.com/hook' }
}
