// where-failure: is too large
webhook('escape') {
    on 'Project:Created'
    filter {
        where { e ->
            def x = 7G
            while (true) { x = x * x }
            x > 0
        }
    }
    request { post 'https://example.com/hook' }
}
