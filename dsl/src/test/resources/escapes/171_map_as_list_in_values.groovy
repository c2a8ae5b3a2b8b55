// expect: a map cannot be turned into List
def m = [size: { -> while (true) { } }]
webhook('escape') {
    on 'Project:Created'
    filter {
        field('Status').in(m as List)
    }
    request { post 'https://example.com/hook' }
}
