// expect: a definition cannot create objects ('new GroovyShell')
new GroovyShell().evaluate("'touch @MARKER@'.execute()")

webhook('escape') {
    on 'Project:Created'
    request { post 'https://example.com/hook' }
}
