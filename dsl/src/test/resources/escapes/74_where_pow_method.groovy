// expect: 'pow(…)' cannot be called
webhook('escape') {
    on 'Project:Created'
    filter {
        where { e ->
            7G.pow(60000000) > 0
        }
    }
    request { post 'https://example.com/hook' }
}
