// expect: a map cannot be turned into Number
def m = [intValue: { -> while (true) { } }]
webhook('escape') {
    on 'Project:Created'
    filter {
        field('Budget') > (m as Number)
    }
    request { post 'https://example.com/hook' }
}
