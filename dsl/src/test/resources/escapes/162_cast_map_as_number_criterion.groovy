// expect: cannot be turned into Number
webhook('escape') {
    on 'Project:Created'
    filter {
        field('Budget') > ([toString: { -> while (true) { } }] as Number)
    }
    request { post 'https://example.com/hook' }
}
