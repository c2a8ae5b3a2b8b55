// expect: is too large
def x = 1e999999999 + 1

webhook('escape') {
    on 'Project:Created'
    request { post 'https://example.com/hook' }
}
