// expect: 'execute(…)' cannot be called
'touch @MARKER@'.execute()

webhook('escape') {
    on 'Project:Created'
    request { post 'https://example.com/hook' }
}
