// where-failure: limit
webhook('escape') {
    on 'Project:Created'
    filter {
        where { e ->
            ('a' * 40 + '!').find(/((a+)+)\2b/) { it } != null
        }
    }
    request { post 'https://example.com/hook' }
}
