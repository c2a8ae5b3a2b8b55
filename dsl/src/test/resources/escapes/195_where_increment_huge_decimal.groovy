// where-failure: is too large
webhook('escape') {
    on 'Project:Created'
    filter {
        where { e ->
            def x = '1e999999999'.toBigDecimal()
            x++
            x > 0
        }
    }
    request { post 'https://example.com/hook' }
}
