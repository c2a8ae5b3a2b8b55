// expect: not a block { }
def c = { -> 'Done' }
webhook('escape') {
    on 'Project:Created'
    filter {
        field('Status').contains(c)
    }
    request { post 'https://example.com/hook' }
}
