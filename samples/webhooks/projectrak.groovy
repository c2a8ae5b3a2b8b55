// Projectrak (reference 001): when fields of a project change, POST the list of changed fields with their
// previous and current values to an https endpoint. Projectrak only sends to https URLs; so does this sample.

webhook('projectrak_fields_updated') {
    label 'Projectrak: project fields updated'
    description 'One request per project update, listing every changed Projectrak field with its previous and current value'
    owner 'jira-admin@acme.example.com'
    on 'Project:Updated'
    filter {
        // Projectrak knows a project by its Jira id: a project not linked to a Jira project is not Projectrak's.
        field('JiraProjectId').present()
        // Projectrak fires only when one of its fields changed: those templates/projectrak.ftl maps to their ids.
        anyOf {
            changed 'Name'
            changed 'Description'
            changed 'Budget'
            changed 'Status'
            changed 'Stage'
            changed 'Priority'
            changed 'Category'
            changed 'Progress'
            changed 'StartDate'
            changed 'FinishDate'
            changed 'Manager'
            changed 'Sponsor'
            changed 'Portfolio'
            changed 'Program'
        }
    }
    request {
        post 'https://jira-bridge.example.com/projectrak/outgoing'
        header 'Content-Type', 'application/json'
        body template('projectrak.ftl')
    }
    execution {
        synchronous false
        transaction 'after-commit'
        timeout '10s'
    }
}
