// expect: the class java.nio.file.Files cannot be used
webhook('escape') {
    on 'Project:Created'
    filter {
        where { e -> java.nio.file.Files.readAllLines(java.nio.file.Paths.get('/etc/passwd')).size() > 0 }
    }
    request { post 'https://example.com/hook' }
}
