// expect: 'owner' cannot be read
// A closure's owner is the script: {}['owner'] would reach it, and its private fields, without naming 'owner'.
def script = { -> 1 }['owner']

webhook('escape') {
    description script['session'].toString()
    on 'Project:Created'
    request { post 'https://example.com/hook' }
}
