// expect: template needs a file name under templates/
webhook('escape') {
    on 'Project:Created'
    request {
        post 'https://example.com/'
        body template('sub/')
    }
}
