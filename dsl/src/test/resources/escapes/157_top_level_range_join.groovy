// expect: walk through a range
def s = (1..1_000_000_000).join(',')

webhook('escape') {
    on 'Project:Created'
    request { post 'https://example.com/hook' }
}
