// expect: characters, more than
def s = 'x' * 1e9

webhook('escape') {
    on 'Project:Created'
    request { post 'https://example.com/hook' }
}
