// where-failure: limit
webhook('escape') {
    on 'Project:Created'
    filter {
        where { e ->
            ('a' * 40 + '!') !in ~/((a+)+)\2b/
        }
    }
    request { post 'https://example.com/hook' }
}
