// expect: 'writer' cannot be declared as FileWriter
// A typed declaration coerces a list by calling a constructor: this would be new FileWriter(path).
java.io.FileWriter writer = ['@MARKER@']

webhook('escape') {
    on 'Project:Created'
    request { post 'https://example.com/hook' }
}
