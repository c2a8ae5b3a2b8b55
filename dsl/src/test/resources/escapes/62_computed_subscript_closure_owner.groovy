// expect: cannot read ['owner'] of a closure
def key = 'own' + 'er'
def script = { -> 1 }[key]

webhook('escape') {
    description script.toString()
    on 'Project:Created'
    request { post 'https://example.com/hook' }
}
