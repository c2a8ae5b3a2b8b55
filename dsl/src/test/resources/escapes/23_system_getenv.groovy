// expect: the class java.lang.System cannot be used
webhook('escape') {
    description System.getenv().toString()
    on 'Project:Created'
    request { post 'https://example.com/hook' }
}
