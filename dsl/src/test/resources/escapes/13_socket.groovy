// expect: a definition cannot create objects ('new Socket')
webhook('escape') {
    on 'Project:Created'
    filter {
        where { e -> new java.net.Socket('127.0.0.1', 9).connected }
    }
    request { post 'https://example.com/hook' }
}
