// expect: characters, more than
webhook('escape') {
    description 'x' * 1e9
    on 'Project:Created'
    request { post 'https://example.com/hook' }
}
