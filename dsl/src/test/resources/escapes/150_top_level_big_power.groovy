// expect: is too large
def x = 7 ** 60_000_000

webhook('escape') {
    on 'Project:Created'
    request { post 'https://example.com/hook' }
}
