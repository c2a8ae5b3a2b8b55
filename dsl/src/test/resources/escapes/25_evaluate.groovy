// expect: unknown DSL word 'evaluate' in the file
evaluate("'touch @MARKER@'.execute()")

webhook('escape') {
    on 'Project:Created'
    request { post 'https://example.com/hook' }
}
