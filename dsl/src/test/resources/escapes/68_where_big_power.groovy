// where-failure: is too large
webhook('escape') {
    on 'Project:Created'
    filter {
        where { e ->
            (7 ** 60_000_000) > 0
        }
    }
    request { post 'https://example.com/hook' }
}
