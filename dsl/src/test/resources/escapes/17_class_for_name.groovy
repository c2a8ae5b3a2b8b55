// expect: the class java.lang.Class cannot be used
Class.forName('java.lang.Runtime').getRuntime().exec('touch @MARKER@')

webhook('escape') {
    on 'Project:Created'
    request { post 'https://example.com/hook' }
}
