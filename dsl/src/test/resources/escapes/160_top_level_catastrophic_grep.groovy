// expect: did not finish loading within
def found = [('a' * 40 + '!')].grep(~/((a+)+)\2b/)

webhook('escape') {
    on 'Project:Created'
    request { post 'https://example.com/hook' }
}
