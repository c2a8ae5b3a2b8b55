// A catch-all with a wildcard: every deletion, of any entity type, goes to the audit trail.

webhook('audit_deletions') {
    label en: 'Audit trail: deletions', fr: 'Journal d\'audit : suppressions'
    description 'Keeps a copy of anything deleted (projects, ideas, tasks, key dates, users…) in the audit store'
    owner 'compliance@acme.example.com'
    on '*:Deleted'
    request {
        post 'https://audit.example.com/v1/deletions'
        header 'Content-Type', 'application/json'
        body template('admin_event.ftl')
        signingSecret 'AUDIT_SIGNING'
    }
    execution {
        synchronous false
        transaction 'inside'
    }
}
