// expect: 'toPlainString(…)' cannot be called
webhook('escape') {
    on 'Project:Created'
    filter {
        where { e ->
            1e999999999.toPlainString().size() > 0
        }
    }
    request { post 'https://example.com/hook' }
}
