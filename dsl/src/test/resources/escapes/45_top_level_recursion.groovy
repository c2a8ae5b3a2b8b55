// expect: recursion without end
def dive
dive = { n -> dive(n + 1) + 1 }
dive(0)

webhook('escape') {
    on 'Project:Created'
    request { post 'https://example.com/hook' }
}
