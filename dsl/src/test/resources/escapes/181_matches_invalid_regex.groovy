// expect: is not a valid regular expression
webhook('escape') {
    on 'Project:Created'
    filter {
        field('Name').matches '(unclosed'
    }
    request { post 'https://example.com/hook' }
}
