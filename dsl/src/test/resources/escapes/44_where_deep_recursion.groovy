// where-failure: recursion without end
webhook('escape') {
    on 'Project:Created'
    filter {
        where { e ->
            def dive
            dive = { n -> dive(n + 1) + 1 }
            dive(0) > 0
        }
    }
    request { post 'https://example.com/hook' }
}
