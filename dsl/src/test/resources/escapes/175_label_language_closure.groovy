// expect: label en: takes text in quotes
webhook('escape') {
    label en: { -> while (true) { } }
    on 'Project:Created'
    request { post 'https://example.com/hook' }
}
