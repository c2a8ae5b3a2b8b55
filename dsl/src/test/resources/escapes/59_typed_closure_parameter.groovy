// expect: 'writer' cannot be declared as FileWriter
// A typed closure parameter could coerce a list argument through a constructor.
def open = { java.io.FileWriter writer -> writer }
open(['@MARKER@'])

webhook('escape') {
    on 'Project:Created'
    request { post 'https://example.com/hook' }
}
