// where-failure: limit
webhook('escape') {
    on 'Project:Created'
    filter {
        where { e ->
            def n = 0
            (('a' * 40 + '!') =~ /((a+)+)\2b/).each { n++ }
            n > 0
        }
    }
    request { post 'https://example.com/hook' }
}
