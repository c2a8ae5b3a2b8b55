// where-failure: a map cannot be turned into Number
webhook('escape') {
    on 'Project:Created'
    filter {
        where { e ->
            def m = [intValue: { -> 1 }]
            (m as Number) > 0
        }
    }
    request { post 'https://example.com/hook' }
}
