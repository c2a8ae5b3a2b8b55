// PPM Express (reference 002): one webhook per event type, each posting PPM Express's own payload
// {"WebhookId", "MessageId", "Data": {…}} with the token and custom header PPM Express lets you configure.
// The four share templates/ppm_express.ftl, which adds BeforeAttributes to *:Updated events and
// ParentEntityId/ParentEntityType to key dates and tasks, as PPM Express does.

webhook('ppm_project_created') {
    label 'PPM Express: project created'
    description 'Sends every new project, with all its attributes, in the PPM Express Project:Created format'
    owner 'integrations@acme.example.com'
    on 'Project:Created'
    request {
        post 'https://erp.example.com/ppm-express/webhooks'
        header 'Authorization', 'Bearer ${secrets.PPM_TOKEN}'
        header 'custom_header', 'ppm-${event.tenant!"default"}'
        header 'Content-Type', 'application/json'
        body template('ppm_express.ftl')
    }
    execution {
        synchronous false
        transaction 'after-commit'
    }
}

webhook('ppm_idea_updated') {
    label 'PPM Express: idea updated'
    description 'Sends an idea with its attributes before and after the change, in the PPM Express Idea:Updated format'
    owner 'integrations@acme.example.com'
    on 'Idea:Updated'
    request {
        post 'https://erp.example.com/ppm-express/webhooks'
        header 'Authorization', 'Bearer ${secrets.PPM_TOKEN}'
        header 'custom_header', 'ppm-${event.tenant!"default"}'
        header 'Content-Type', 'application/json'
        body template('ppm_express.ftl')
    }
    execution {
        synchronous false
        transaction 'after-commit'
    }
}

webhook('ppm_keydate_updated') {
    label 'PPM Express: key date updated'
    description 'Sends a key date (of a project, program or portfolio) before and after the change, with its parent'
    owner 'integrations@acme.example.com'
    on 'KeyDate:Updated'
    request {
        post 'https://erp.example.com/ppm-express/webhooks'
        header 'Authorization', 'Bearer ${secrets.PPM_TOKEN}'
        header 'custom_header', 'ppm-${event.tenant!"default"}'
        header 'Content-Type', 'application/json'
        body template('ppm_express.ftl')
    }
    execution {
        synchronous false
        transaction 'after-commit'
    }
}

webhook('ppm_task_deleted') {
    label 'PPM Express: task deleted'
    description 'Sends the last state of a deleted project task, with its parent project'
    owner 'integrations@acme.example.com'
    on 'Task:Deleted'
    filter {
        field('parent.type') == 'Project'      // PPM Express tasks live in projects, not Cotalker task groups
    }
    request {
        post 'https://erp.example.com/ppm-express/webhooks'
        header 'Authorization', 'Bearer ${secrets.PPM_TOKEN}'
        header 'custom_header', 'ppm-${event.tenant!"default"}'
        header 'Content-Type', 'application/json'
        body template('ppm_express.ftl')
    }
    execution {
        synchronous false
        transaction 'after-commit'
    }
}
