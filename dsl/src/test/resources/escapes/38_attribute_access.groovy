// expect: direct field access (.@) is not allowed
webhook('escape') {
    on 'Project:Created'
    filter {
        where { e -> e.@m != null }
    }
    request { post 'https://example.com/hook' }
}
