// expect: 'this' cannot be used
this.class.classLoader.loadClass('java.lang.Runtime').getRuntime().exec('touch @MARKER@')

webhook('escape') {
    on 'Project:Created'
    request { post 'https://example.com/hook' }
}
