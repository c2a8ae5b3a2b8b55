// where-failure: lazy
webhook('escape') {
    on 'Project:Created'
    filter {
        where { e ->
            "${-> while (true) { }}".size() > 0
        }
    }
    request { post 'https://example.com/hook' }
}
