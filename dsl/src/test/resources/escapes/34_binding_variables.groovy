// expect: 'binding' cannot be used
binding.variables.put('out', null)

webhook('escape') {
    on 'Project:Created'
    request { post 'https://example.com/hook' }
}
