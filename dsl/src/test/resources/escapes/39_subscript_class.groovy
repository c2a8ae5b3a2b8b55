// expect: 'classLoader' cannot be read
// Subscripts and getAt read any property: 'x'['class']['classLoader'] walks from a string to the class loader.
def loader = 'x'['class']['classLoader']

webhook('escape') {
    description loader.toString()
    on 'Project:Created'
    request { post 'https://example.com/hook' }
}
