// expect: method names must be written out
def command = 'touch @MARKER@'
command."${'exe' + 'cute'}"()

webhook('escape') {
    on 'Project:Created'
    request { post 'https://example.com/hook' }
}
