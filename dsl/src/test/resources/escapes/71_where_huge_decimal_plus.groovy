// where-failure: is too large
webhook('escape') {
    on 'Project:Created'
    filter {
        where { e -> (1e999999999 + 1) > 0 }
        where { e -> (1 + 1e999999999) > 0 }
        where { e -> (1e999999999 - 1) > 0 }
        where { e -> (1e-999999999 + 1) > 0 }
        where { e -> (1e999999999 * 1) > 0 }
        where { e -> (1e999999999 / 3) > 0 }
        where { e -> (e.attributes.Budget + 1e999999999) > 0 }
        where { e -> e.attributes.Budget.plus(1e999999999) > 0 }
        where { e -> def x = 1e999999999; x++; x > 0 }
        where { e -> (1e9000 * 1e9000) > 0 }
    }
    request { post 'https://example.com/hook' }
}
