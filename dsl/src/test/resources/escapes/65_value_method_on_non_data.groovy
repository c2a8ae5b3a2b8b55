// where-failure: cannot be called on a CaseInsensitiveComparator
webhook('escape') {
    on 'Project:Created'
    filter {
        where { e -> String.CASE_INSENSITIVE_ORDER.each { it } != null }
    }
    request { post 'https://example.com/hook' }
}
