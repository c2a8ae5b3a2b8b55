// expect: a closure cannot be turned into Number
def c = { -> while (true) { } }
webhook('escape') {
    on 'Project:Created'
    filter {
        field('Budget') > (c as Number)
    }
    request { post 'https://example.com/hook' }
}
