// expect: closure parameters cannot have default values
def run = { command = 'touch @MARKER@'.execute() -> command }
run()

webhook('escape') {
    on 'Project:Created'
    request { post 'https://example.com/hook' }
}
