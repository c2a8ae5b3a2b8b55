// where-failure: at most 100000 characters
webhook('escape') {
    on 'Project:Created'
    filter {
        where { e ->
            ('a' * 200_000) ==~ /a+/
        }
    }
    request { post 'https://example.com/hook' }
}
