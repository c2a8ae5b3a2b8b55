// expect: cannot read 'declaredMethods' of String
def methods = String.declaredMethods

webhook('escape') {
    description methods.toString()
    on 'Project:Created'
    request { post 'https://example.com/hook' }
}
