// expect: try/catch is not allowed
webhook('escape') {
    on 'Project:Created'
    filter {
        where { e ->
            while (true) {
                try {
                    while (true) { }
                } catch (Throwable ignored) {
                }
            }
        }
    }
    request { post 'https://example.com/hook' }
}
