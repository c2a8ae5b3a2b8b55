// expect: 'getClass' cannot be used
// Spread-dot over a list reaches each element's class.
webhook('escape') {
    on 'Project:Created'
    filter {
        where { e -> ['x']*.getClass() != null }
    }
    request { post 'https://example.com/hook' }
}
