// expect: 'setScale(…)' cannot be called
webhook('escape') {
    on 'Project:Created'
    filter {
        where { e ->
            1.0.setScale(999999999).toString().size() > 0
        }
    }
    request { post 'https://example.com/hook' }
}
