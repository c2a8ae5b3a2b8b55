// expect: 'rehydrate(…)' cannot be called
def c = { -> evaluate("'touch @MARKER@'.execute()") }
c.rehydrate(null, null, null).call()

webhook('escape') {
    on 'Project:Created'
    request { post 'https://example.com/hook' }
}
