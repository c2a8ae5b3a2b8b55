// where-failure: replace(…) would change the map
// Map.replace changes the event's attributes, which every webhook shares.
webhook('escape') {
    on 'Project:Created'
    filter {
        where { e -> e.attributes.replace('Budget', 0); true }
    }
    request { post 'https://example.com/hook' }
}
