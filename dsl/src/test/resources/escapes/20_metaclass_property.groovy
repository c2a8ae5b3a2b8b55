// expect: 'metaClass' cannot be read
String.metaClass.toUpperCase = { -> 'hijacked' }

webhook('escape') {
    on 'Project:Created'
    request { post 'https://example.com/hook' }
}
