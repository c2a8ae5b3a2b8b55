// expect: the class java.lang.System cannot be used
webhook('escape') {
    owner System.getProperty('user.home')
    on 'Project:Created'
    request { post 'https://example.com/hook' }
}
