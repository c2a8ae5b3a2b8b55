// expect: annotations (@ASTTest) are not allowed
webhook('escape') {
    on 'Project:Created'
    @groovy.transform.ASTTest(phase = org.codehaus.groovy.control.CompilePhase.CONVERSION,
            value = { new File('@MARKER@').createNewFile() })
    def unused = 1
    request { post 'https://example.com/hook' }
}
