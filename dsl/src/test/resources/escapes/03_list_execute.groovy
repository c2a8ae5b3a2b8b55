// expect: 'execute(…)' cannot be called
webhook('escape') {
    on 'Project:Created'
    description ['sh', '-c', 'touch @MARKER@'].execute().toString()
    request { post 'https://example.com/hook' }
}
