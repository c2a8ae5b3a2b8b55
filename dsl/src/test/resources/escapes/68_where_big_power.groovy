// where-failure: is too large
webhook('escape') {
    on 'Project:Created'
    filter {
        where { e -> (7 ** 60_000_000) > 0 }
        where { e -> (7 ** 60_000_000L) > 0 }
        where { e -> ((-7) ** 60_000_000) != 0 }
        where { e -> (7.5 ** 60_000_000) > 0 }
        where { e -> (e.attributes.Budget ** 60_000_000) > 0 }
        where { e -> (2 ** 1e9) > 0 }
        where { e -> def x = 7; x **= 60_000_000; x > 0 }
    }
    request { post 'https://example.com/hook' }
}
