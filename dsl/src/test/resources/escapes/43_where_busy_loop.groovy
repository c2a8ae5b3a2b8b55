// where-failure: and was stopped
webhook('escape') {
    on 'Project:Created'
    filter {
        where { e ->
            long n = 0
            while (true) { n++ }
            n > 0
        }
    }
    request { post 'https://example.com/hook' }
}
