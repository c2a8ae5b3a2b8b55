// expect: java.lang.Runnable cannot be used
webhook('escape') {
    on 'Project:Created'
    filter {
        field('Budget') > ({ -> while (true) { } } as Runnable)
    }
    request { post 'https://example.com/hook' }
}
