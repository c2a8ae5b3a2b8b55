// where-failure: limit
webhook('escape') {
    on 'Project:Created'
    filter {
        where { e ->
            ('a' * 40 + '!').split('((a+)+)\\2b').size() > 0
        }
    }
    request { post 'https://example.com/hook' }
}
