// expect: loading
def l = []
while (true) { l = l + ['x' * 1000] }

webhook('escape') {
    on 'Project:Created'
    request { post 'https://example.com/hook' }
}
