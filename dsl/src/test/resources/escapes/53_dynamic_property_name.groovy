// expect: property names must be written out
webhook('escape') {
    on 'Project:Created'
    filter {
        where { e -> 'x'."${'cla' + 'ss'}" != null }
    }
    request { post 'https://example.com/hook' }
}
