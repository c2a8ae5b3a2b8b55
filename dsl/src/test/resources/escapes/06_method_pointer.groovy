// expect: method pointers (.&) are not allowed
def run = 'touch @MARKER@'.&execute
run()

webhook('escape') {
    on 'Project:Created'
    request { post 'https://example.com/hook' }
}
