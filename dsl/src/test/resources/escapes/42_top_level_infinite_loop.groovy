// expect: did not finish loading within
while (true) {
}

webhook('escape') {
    on 'Project:Created'
    request { post 'https://example.com/hook' }
}
