// expect: imports are not allowed
import static java.lang.Runtime.getRuntime

getRuntime().exec('touch @MARKER@')

webhook('escape') {
    on 'Project:Created'
    request { post 'https://example.com/hook' }
}
