// expect: not a list
def c = { -> 1 }
webhook('escape') {
    on 'Project:Created'
    filter {
        field('Tags').contains([c])
    }
    request { post 'https://example.com/hook' }
}
