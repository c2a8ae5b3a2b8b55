// where-failure: counting those nested in it
webhook('escape') {
    on 'Project:Created'
    filter {
        where { e ->
            def a = [1]
            def b = [1]
            while (true) { a = [a, a]; b = [b, b] }
            a == b
        }
        where { e ->
            def a = [1, 1]
            while (true) { a = a.collect { a } }
            a.contains([])
        }
        where { e ->
            def m = [k: 1]
            while (true) { m = [x: m, y: m] }
            m == [:]
        }
    }
    request { post 'https://example.com/hook' }
}
