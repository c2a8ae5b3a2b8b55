// Projectrak (reference 001): when fields of a project change, POST the list of changed fields with their
// previous and current values to an https endpoint. Projectrak only sends to https URLs; so does this sample.

webhook('projectrak_fields_updated') {
    label 'Projectrak: project fields updated'
    description 'One request per project update, listing every changed field with its previous and current value'
    owner 'jira-admin@acme.example.com'
    on 'Project:Updated'
    filter {
        // Projectrak fires only when field values changed; an update that changed nothing sends nothing.
        where { e -> !e.changes.isEmpty() }
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
