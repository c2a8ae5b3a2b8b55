// expect: 'execute(…)' cannot be called
def s = 'touch @MARKER@'
s.execute()

webhook('escape') {
    on 'Project:Created'
    request { post 'https://example.com/hook' }
}
