// where-failure: a range goes from a number to a number
webhook('escape') {
    on 'Project:Created'
    filter {
        where { e ->
            ('a'..'zzzzzzzz').size() > 0
        }
    }
    request { post 'https://example.com/hook' }
}
