// where-failure: is too large
webhook('escape') {
    on 'Project:Created'
    filter {
        where { e ->
            def x = 2G
            while (true) { x = x ** 2 }
            x > 0
        }
    }
    request { post 'https://example.com/hook' }
}
