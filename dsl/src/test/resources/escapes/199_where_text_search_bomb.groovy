// where-failure: more than a definition may search
webhook('escape') {
    on 'Project:Created'
    filter {
        where { e ->
            ('a' * 1_000_000).contains('a' * 500_000 + 'b')
        }
    }
    request { post 'https://example.com/hook' }
}
