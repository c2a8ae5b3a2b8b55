// expect: characters, more than
def s = 'x'
while (true) { s = "${s}${s}" }

webhook('escape') {
    on 'Project:Created'
    request { post 'https://example.com/hook' }
}
