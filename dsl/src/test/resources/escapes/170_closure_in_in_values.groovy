// expect: in takes texts, numbers, booleans or null, not a block { }
def c = { -> 'Done' }
webhook('escape') {
    on 'Project:Created'
    filter {
        field('Status').in(c, 'Open')
    }
    request { post 'https://example.com/hook' }
}
