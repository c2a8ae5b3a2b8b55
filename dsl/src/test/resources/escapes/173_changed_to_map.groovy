// expect: to takes a text, number, boolean or null, not a map
def m = [toString: { -> while (true) { } }]
webhook('escape') {
    on 'Project:Created'
    filter {
        changed('Status').to(m)
    }
    request { post 'https://example.com/hook' }
}
