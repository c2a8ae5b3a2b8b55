// expect: a definition cannot create objects ('new File')
new File('@MARKER@').createNewFile()

webhook('escape') {
    on 'Project:Created'
    request { post 'https://example.com/hook' }
}
