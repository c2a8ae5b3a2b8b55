// expect: elements, more than
def l = [1]
while (true) { l = l + l }

webhook('escape') {
    on 'Project:Created'
    request { post 'https://example.com/hook' }
}
