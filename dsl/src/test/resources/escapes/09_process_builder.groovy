// expect: a definition cannot create objects ('new ProcessBuilder')
webhook('escape') {
    on 'Project:Created'
    filter {
        where { e -> new ProcessBuilder('touch', '@MARKER@').start() != null }
    }
    request { post 'https://example.com/hook' }
}
