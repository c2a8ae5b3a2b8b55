// where-failure: is too large
webhook('escape') {
    on 'Project:Created'
    filter {
        where { e ->
            (7G ** 60000000) > 0
        }
    }
    request { post 'https://example.com/hook' }
}
