// expect: a list of 1000000000 values
webhook('escape') {
    on 'Project:Created'
    filter {
        field('Budget').in(1..1_000_000_000)
    }
    request { post 'https://example.com/hook' }
}
