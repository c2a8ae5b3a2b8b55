// expect: lazy
webhook('escape') {
    description "${-> while (true) { }}"
    on 'Project:Created'
    request { post 'https://example.com/hook' }
}
