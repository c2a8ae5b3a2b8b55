// expect: a list of 1000000000 values
webhook('escape') {
    on 1..1_000_000_000
    request { post 'https://example.com/hook' }
}
