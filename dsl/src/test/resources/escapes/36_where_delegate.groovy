// expect: 'delegate' cannot be used
webhook('escape') {
    on 'Project:Created'
    filter {
        where { e -> delegate.field('x') == null }
    }
    request { post 'https://example.com/hook' }
}
