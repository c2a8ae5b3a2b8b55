// expect: the class java.lang.Thread cannot be used
Thread.start { 'touch @MARKER@'.execute() }

webhook('escape') {
    on 'Project:Created'
    request { post 'https://example.com/hook' }
}
