// expect: lazy
def s = "${-> while (true) { }}"
webhook('escape') {
    on 'Project:Created'
    filter {
        field('Status') == s
    }
    request { post 'https://example.com/hook' }
}
