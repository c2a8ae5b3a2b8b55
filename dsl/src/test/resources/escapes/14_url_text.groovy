// expect: a definition cannot create objects ('new URL')
webhook('escape') {
    description new URL('http://127.0.0.1:9/secret').text
    on 'Project:Created'
    request { post 'https://example.com/hook' }
}
