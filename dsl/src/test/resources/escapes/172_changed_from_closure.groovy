// expect: from takes a text, number, boolean or null, not a block { }
def c = { -> 'Open' }
webhook('escape') {
    on 'Project:Created'
    filter {
        changed('Status').from(c)
    }
    request { post 'https://example.com/hook' }
}
