// where-failure: characters, more than
webhook('escape') {
    on 'Project:Created'
    filter {
        where { e -> ('x' * 1_000_000_000).size() > 0 }
        where { e -> ('xy' * 600_000).size() > 0 }
        where { e -> ("${e.attributes.Status}" * 1e9).size() > 0 }
        where { e -> (e.attributes.Status * 1_000_000).size() > 0 }
        where { e -> def s = 'x' * 600_000; s += s; s.size() > 0 }
        where { e -> def s = 'x' * 600_000; (s + s).size() > 0 }
        where { e -> def s = 'x' * 600_000; s.plus(s).size() > 0 }
        where { e -> def s = 'x' * 600_000; "$s$s".size() > 0 }
    }
    request { post 'https://example.com/hook' }
}
