// expect: lazy
webhook('escape') {
    tenant "${-> while (true) { }}"
    on 'Project:Created'
    request { post 'https://example.com/hook' }
}
