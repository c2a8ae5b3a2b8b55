// expect: longer than the 1000 allowed
webhook('escape') {
    on 'Project:Created'
    filter {
        field('Name').matches('a' * 2000)
    }
    request { post 'https://example.com/hook' }
}
