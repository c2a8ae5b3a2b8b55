// where-failure: walk through a range
webhook('escape') {
    on 'Project:Created'
    filter {
        where { e ->
            (1..1e9).sort().size() > 0
        }
    }
    request { post 'https://example.com/hook' }
}
