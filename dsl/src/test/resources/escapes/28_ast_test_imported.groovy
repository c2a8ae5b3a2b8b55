// expect: annotations (@ASTTest) are not allowed
import groovy.transform.ASTTest

@ASTTest(value = { new File('@MARKER@').createNewFile() })
def x = 1

webhook('escape') {
    on 'Project:Created'
    request { post 'https://example.com/hook' }
}
