// expect: the class java.lang.Runtime cannot be used
Runtime.getRuntime().exec('touch @MARKER@')

webhook('escape') {
    on 'Project:Created'
    request { post 'https://example.com/hook' }
}
