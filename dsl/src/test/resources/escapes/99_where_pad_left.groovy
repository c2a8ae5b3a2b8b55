// expect: 'padLeft(…)' cannot be called
webhook('escape') {
    on 'Project:Created'
    filter {
        where { e ->
            'x'.padLeft(1_000_000_000).size() > 0
        }
    }
    request { post 'https://example.com/hook' }
}
