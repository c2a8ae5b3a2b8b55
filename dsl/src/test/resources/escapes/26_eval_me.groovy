// expect: the class groovy.util.Eval cannot be used
webhook('escape') {
    on 'Project:Created'
    filter {
        where { e -> Eval.me("'touch @MARKER@'.execute()") != null }
    }
    request { post 'https://example.com/hook' }
}
