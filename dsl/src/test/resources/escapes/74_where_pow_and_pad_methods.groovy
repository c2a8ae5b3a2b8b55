// expect: cannot be called in a definition
webhook('escape') {
    on 'Project:Created'
    filter {
        where { e -> 7G.pow(60000000) > 0 }
        where { e -> 'x'.padLeft(1_000_000_000).size() > 0 }
        where { e -> 'x'.padRight(1_000_000_000).size() > 0 }
        where { e -> 'x'.center(1_000_000_000).size() > 0 }
        where { e -> 1e999999999.toBigInteger() > 0 }
        where { e -> 7G.shiftLeft(1_000_000_000) > 0 }
        where { e -> 7G.multiply(7G) > 0 }
    }
    request { post 'https://example.com/hook' }
}
