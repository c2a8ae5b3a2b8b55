// Project Monitor (reference 000): "trigger the creation of a SharePoint space when a new project is created".
// A labelled (English and French), described and owned webhook, sent synchronously inside the host's
// transaction: if SharePoint refuses, the project is not created and the user sees why.

webhook('sharepoint_space') {
    label en: 'Create SharePoint space', fr: 'Créer un espace SharePoint'
    description 'New Digital projects get a SharePoint site, created before the project is saved'
    owner 'anna.doe@acme.example.com'
    active true
    on 'Project:Created'
    tenant 'acme'
    filter {
        field('Portfolio').contains 'Digital'
        field('Manager').present()
    }
    request {
        post 'https://acme.sharepoint.example.com/_api/SPSiteManager/create'
        header 'Authorization', 'Bearer ${secrets.SP_TOKEN}'
        header 'Accept', 'application/json;odata=nometadata'
        header 'Content-Type', 'application/json'
        body template('sharepoint_site.ftl')
    }
    execution {
        synchronous true
        transaction 'inside'
        timeout '5s'
    }
}
