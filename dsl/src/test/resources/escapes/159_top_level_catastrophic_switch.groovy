// expect: did not finish loading within
switch (('a' * 40 + '!')) {
    case ~/((a+)+)\2b/: break
}

webhook('escape') {
    on 'Project:Created'
    request { post 'https://example.com/hook' }
}
