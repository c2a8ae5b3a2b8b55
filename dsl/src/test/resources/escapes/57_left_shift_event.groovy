// expect: '<<' changes the value on its left
// << changes the value on its left: here the event's attributes, which every webhook shares.
webhook('escape') {
    on 'Project:Created'
    filter {
        where { e -> e.attributes << [Budget: 0]; true }
    }
    request { post 'https://example.com/hook' }
}
