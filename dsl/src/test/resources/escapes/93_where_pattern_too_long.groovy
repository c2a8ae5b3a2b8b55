// where-failure: longer than the 1000 allowed
webhook('escape') {
    on 'Project:Created'
    filter {
        where { e ->
            'x' ==~ ('a' * 2000)
        }
    }
    request { post 'https://example.com/hook' }
}
