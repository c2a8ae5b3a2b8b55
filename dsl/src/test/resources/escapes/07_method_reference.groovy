// expect: method references (::) are not allowed
webhook('escape') {
    on 'Project:Created'
    filter {
        where { e -> def run = 'touch @MARKER@'::execute; run() != null }
    }
    request { post 'https://example.com/hook' }
}
