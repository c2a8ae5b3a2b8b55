// expect: a definition cannot change 'e.attributes[Budget]'
// A where closure must not change the event other webhooks see.
webhook('escape') {
    on 'Project:Created'
    filter {
        where { e -> e.attributes['Budget'] = 0; true }
    }
    request { post 'https://example.com/hook' }
}
