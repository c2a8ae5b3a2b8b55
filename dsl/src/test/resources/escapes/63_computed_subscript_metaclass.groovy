// expect: cannot read ['metaClass'] of the class java.lang.String
def key = 'meta' + 'Class'
def handle = String[key]

webhook('escape') {
    on 'Project:Created'
    request { post 'https://example.com/hook' }
}
