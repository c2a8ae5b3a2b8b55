// expect: java.lang.Comparable cannot be used
webhook('escape') {
    on 'Project:Created'
    filter {
        field('Budget') > ([compareTo: { o -> while (true) { } }] as Comparable)
    }
    request { post 'https://example.com/hook' }
}
