// where-failure: a number is read from at most
webhook('escape') {
    on 'Project:Created'
    filter {
        where { e ->
            ('9' * 1_000_000).toBigDecimal() > 0
        }
    }
    request { post 'https://example.com/hook' }
}
