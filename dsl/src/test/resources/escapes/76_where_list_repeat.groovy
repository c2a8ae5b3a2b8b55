// where-failure: elements, more than
webhook('escape') {
    on 'Project:Created'
    filter {
        where { e ->
            ([1] * 1e9).size() > 0
        }
    }
    request { post 'https://example.com/hook' }
}
