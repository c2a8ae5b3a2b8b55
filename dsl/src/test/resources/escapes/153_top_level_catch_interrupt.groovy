// expect: try/catch is not allowed
while (true) {
    try {
        while (true) { }
    } catch (InterruptedException ignored) {
    }
}

webhook('escape') {
    on 'Project:Created'
    request { post 'https://example.com/hook' }
}
