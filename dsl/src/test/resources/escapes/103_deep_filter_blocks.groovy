// expect: nested more than 64 deep
webhook('escape') {
    on 'Project:Created'
    filter {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
anyOf {
field('Status') == 'Done'
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
    }
    request { post 'https://example.com/' }
}
