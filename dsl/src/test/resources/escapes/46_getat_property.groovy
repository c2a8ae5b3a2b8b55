// expect: 'getAt(…)' cannot be called
// getAt('class') is the method form of a subscript.
webhook('escape') {
    on 'Project:Created'
    filter {
        where { e -> 'x'.getAt('class').getAt('classLoader') != null }
    }
    request { post 'https://example.com/hook' }
}
