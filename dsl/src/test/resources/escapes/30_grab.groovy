// expect: annotations (@Grab) are not allowed
@Grab('invalid.hookwright.test:does-not-exist:0.0.1')
import does.not.exist.Anything

webhook('escape') {
    on 'Project:Created'
    request { post 'https://example.com/hook' }
}
