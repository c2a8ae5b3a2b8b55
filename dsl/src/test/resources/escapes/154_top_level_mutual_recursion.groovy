// expect: recursion without end
def a
def b
a = { n -> b(n + 1) }
b = { n -> a(n + 1) }
a(0)

webhook('escape') {
    on 'Project:Created'
    request { post 'https://example.com/hook' }
}
