// expect: compare field('Budget') with a text, number, boolean or null
webhook('escape') {
    on 'Project:Created'
    filter {
        field('Budget') > 1e999999999
    }
    request { post 'https://example.com/hook' }
}
