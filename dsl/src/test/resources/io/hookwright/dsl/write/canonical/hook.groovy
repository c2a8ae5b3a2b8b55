// Webhooks written exactly as WebhookPrinter writes them, one edge case each: printing what this file loads
// gives this file back, from the first webhook on.

webhook('quotes_and_backslashes') {
    label 'It\'s "quoted", C:\\temp\\ and a tab\there'
    description 'Line one\nLine two, unicode: é ü ß 漢字 😀'
    owner 'o\'brien@example.com'
    on 'Project:Created'
    request {
        post 'https://x.example.com/${entity.key}/it\'s?q=${secrets.Q}'
        header 'Authorization', 'Bearer ${secrets.TOKEN}'
        header 'X-Path', 'C:\\data\\${entity.id}\\'
        header 'X-Dollar', '$plain and \\${not.a.var} and é'
        body '{"single": "line ${json(entity.key)}"}'
    }
}

webhook('multi_line_body') {
    label fr: 'Seulement en français'
    active false
    on 'Task:*', '*:Deleted', 'Project:Updated'
    tenant 'acme'
    request {
        put 'https://x.example.com/a'
        header 'Content-Type', 'application/json'
        body '''{
  "it's": ${json(entity.key)},
  "three quotes": "\'''",
  "two quotes": "''",
  "escaped": "\\n stays two characters",
	"tab": "before this line",
  "nested": {"brace": "}"}
}\''''
    }
}

webhook('numbers') {
    on 'Project:Updated'
    filter {
        field('int') == 42
        field('negative') > -7
        field('underscored') >= 10000
        field('decimal') < 1.50
        field('negative_decimal') <= -0.25
        field('long') != 12345678901
        field('small_long') == 5L
        field('big') == 123456789012345678901234567890
        field('small_big') == 7G
        field('min_int') == -2147483648
        field('double') == 2.5d
        field('float') == 1.5f
        field('tiny') == 1E-8
        field('exponent') == 1E+3
        field('nan') == Double.NaN
        field('infinite') == Double.POSITIVE_INFINITY
        field('minus_infinite') == Double.NEGATIVE_INFINITY
        field('minus_zero') == -0.0d
        field('nothing') == null
        field('yes') == true
        field('no') != false
        field('list').in(-1, 2, 3.5, 'x', null, true)
        field('list').contains(-3)
        changed('Budget').from(-1).to(1000000)
    }
    request {
        post 'https://x.example.com/n'
    }
}

webhook('criteria') {
    label 'Every criterion'
    on 'Project:Updated'
    filter {
        field('Portfolio').contains 'Digital'
        field('Stage').in 'Approved', 'Active'
        field('Name').matches '^AI\\s+\\d{2}$'
        field('Manager').present()
        field('Sponsor').missing()
        changed 'Status'
        changed('Status').from('On track').to('Done')
        changed('Phase').from('Idea')
        changed('Owner').to(null)
        field('parent.id') == '6261612a8f1e99002e5c8cce'
        field('Budget') > 10
        anyOf {
            field('Budget') > 10
            not {
                field('Region').in 'EU'
                anyOf {
                    field('x').present()
                }
            }
        }
        not {
            field('y') == 'z'
        }
    }
    request {
        post 'https://x.example.com/c'
    }
}

webhook('sync_inside') {
    label en: 'Both', 'en-GB': 'Odd key', 'in': 'Keyword key'
    on 'Project:Created'
    request {
        get 'https://x.example.com/g?x=${entity.id}'
    }
    execution {
        synchronous true
        transaction 'inside'
        timeout '500ms'
    }
}

webhook('retry_waits') {
    on 'Project:Created'
    request {
        patch 'https://x.example.com/p'
        body template('mail/notice.ftl')
        signingSecret 'NEW_SIGNING', 'OLD_SIGNING'
    }
    execution {
        synchronous false
        transaction 'after-commit'
        retry '0s', '5s', '1m', '2h', '90s'
    }
}

webhook('retry_attempts') {
    on 'Project:Created'
    request {
        delete 'https://x.example.com/d'
        signingSecret 'SIGNING'
    }
    execution {
        synchronous false
        transaction 'inside'
        timeout '2m'
        retry attempts: 3
    }
}

webhook('no_retry') {
    on 'Project:Created'
    request {
        post 'https://x.example.com/n'
    }
    execution {
        synchronous false
        transaction 'after-commit'
        retry false
    }
}
