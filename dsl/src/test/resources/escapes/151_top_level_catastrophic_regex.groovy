// expect: did not finish loading within
def b = ('a' * 40 + '!') ==~ /((a+)+)\2b/

webhook('escape') {
    on 'Project:Created'
    request { post 'https://example.com/hook' }
}
