// expect: 'sleep'
webhook('escape') {
    sleep 60000
    on 'Project:Created'
    request { post 'https://example.com/hook' }
}
