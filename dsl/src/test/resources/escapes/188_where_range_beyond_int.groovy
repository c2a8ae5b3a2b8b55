// where-failure: a range of whole numbers goes from
webhook('escape') {
    on 'Project:Created'
    filter {
        where { e ->
            (1..10_000_000_000).contains(5)
        }
    }
    request { post 'https://example.com/hook' }
}
