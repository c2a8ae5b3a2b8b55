// expect: 'writer' cannot be declared as FileWriter
// A typed loop variable names a class the definition may not use.
for (java.io.FileWriter writer in [['@MARKER@']]) {
}

webhook('escape') {
    on 'Project:Created'
    request { post 'https://example.com/hook' }
}
