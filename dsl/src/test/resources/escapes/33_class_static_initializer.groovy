// expect: a definition file cannot declare classes ('Evil')
class Evil {
    static {
        'touch @MARKER@'.execute()
    }
}

webhook('escape') {
    on 'Project:Created'
    request { post 'https://example.com/hook' }
}
