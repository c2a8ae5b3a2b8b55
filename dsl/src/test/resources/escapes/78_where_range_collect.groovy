// where-failure: walk through a range
webhook('escape') {
    on 'Project:Created'
    filter {
        where { e ->
            (1..1_000_000_000).collect().size() > 0
        }
    }
    request { post 'https://example.com/hook' }
}
