// expect: a definition cannot create objects ('new Thread')
webhook('escape') {
    on 'Project:Created'
    filter {
        where { e -> new Thread({ 'touch @MARKER@'.execute() } as Runnable).start() == null }
    }
    request { post 'https://example.com/hook' }
}
