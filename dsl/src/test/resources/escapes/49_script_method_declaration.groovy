// expect: a definition file cannot declare methods ('run')
def run(String command) {
    command.execute()
}

webhook('escape') {
    on 'Project:Created'
    request { post 'https://example.com/hook' }
}
