// where-failure: cannot read 'class' of a text
webhook('escape') {
    on 'Project:Created'
    filter {
        where { e -> def key = 'class'; ['x'][key] != null }
    }
    request { post 'https://example.com/hook' }
}
