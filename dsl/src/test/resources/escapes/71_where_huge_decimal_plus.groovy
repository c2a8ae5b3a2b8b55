// where-failure: is too large
webhook('escape') {
    on 'Project:Created'
    filter {
        where { e ->
            (1e999999999 + 1) > 0
        }
    }
    request { post 'https://example.com/hook' }
}
