// where-failure: limit
webhook('escape') {
    on 'Project:Created'
    filter {
        where { e ->
            switch (('a' * 40 + '!')) {
                case ~/((a+)+)\2b/: return true
                default: return false
            }
        }
    }
    request { post 'https://example.com/hook' }
}
