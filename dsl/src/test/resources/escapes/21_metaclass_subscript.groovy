// expect: 'metaClass' cannot be read
// Subscripts read properties too: String['metaClass'] would reach the metaclass without naming it as a property.
String['metaClass']['toUpperCase'] = { -> 'hijacked' }

webhook('escape') {
    on 'Project:Created'
    request { post 'https://example.com/hook' }
}
