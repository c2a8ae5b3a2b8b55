// expect: the class java.lang.System cannot be used
webhook('escape') {
    on 'Project:Created'
    filter {
        where { e -> System.exit(0); true }
    }
    request { post 'https://example.com/hook' }
}
