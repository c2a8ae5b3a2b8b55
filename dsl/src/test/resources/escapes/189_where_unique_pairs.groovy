// where-failure: pairs a definition may
webhook('escape') {
    on 'Project:Created'
    filter {
        where { e ->
            ([1] * 100_000).unique().size() > 0
        }
    }
    request { post 'https://example.com/hook' }
}
