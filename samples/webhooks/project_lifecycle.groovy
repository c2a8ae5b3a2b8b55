// Project lifecycle hooks: the dry-run tour of the filter words.
// On the sample workspace, `dry-run --project DEMO --event Project:Updated --set Status=Done` matches
// erp_project_done (Status went from 'On track' to 'Done') and projectrak_fields_updated, and explains why
// budget_approval ("Budget 5000 is not > 10000"), project_at_risk and budget_increase do not match.

webhook('erp_project_done') {
    label en: 'Close the project in the ERP', fr: 'Clôturer le projet dans l\'ERP'
    description 'When a project goes from On track to Done, its ERP cost centre is closed; queued in the outbox with the host\'s transaction'
    owner 'finance-it@acme.example.com'
    on 'Project:Updated'
    filter {
        changed('Status').from('On track').to('Done')
    }
    request {
        put 'https://erp.example.com/api/projects/${entity.key}/status'
        header 'Authorization', 'Bearer ${secrets.ERP_TOKEN}'
        header 'Content-Type', 'application/json'
        header 'Idempotency-Key', '${message.id}'
        body '''{
  "projectId": ${json(entity.id)},
  "status": "Closed",
  "previousStatus": ${json((before.Status)!"")},
  "closedBy": <#if initiator??>${json(initiator.login)}<#else>null</#if>,
  "closedAt": ${json(event.timestamp)}
}'''
    }
    execution {
        synchronous false
        transaction 'inside'
    }
}

webhook('budget_approval') {
    label en: 'Request finance approval', fr: 'Demander l\'accord de la finance'
    description 'Projects over 10,000 need a finance approval: the request is sent right after the project is saved'
    owner 'finance-it@acme.example.com'
    on 'Project:Created', 'Project:Updated'
    filter {
        field('Budget') > 10_000
    }
    request {
        post 'https://finance.example.com/api/approvals'
        header 'Authorization', 'Bearer ${secrets.FINANCE_TOKEN}'
        header 'Content-Type', 'application/json'
        header 'Idempotency-Key', '${message.id}'
        body template('budget_approval.ftl')
    }
    execution {
        synchronous true
        transaction 'after-commit'
        timeout '8s'
    }
}

webhook('project_at_risk') {
    label 'Tell the PMO a project is at risk'
    description 'Posts to the PMO chat channel when an open project turns At risk or Off track, or its schedule slips'
    owner 'pmo@acme.example.com'
    on 'Project:Updated'
    filter {
        anyOf {
            changed('Status').to('At risk')
            changed('Status').to('Off track')
            field('ScheduleStatus') >= 2
        }
        not {
            field('Stage').in 'Closed', 'Cancelled'
        }
    }
    request {
        post 'https://chat.example.com/hooks/pmo-alerts'
        header 'Content-Type', 'application/json'
        body '''{
  "text": ${json("Project " + entity.key + " (" + ((entity.attributes.Name)!"") + ") is now " + ((entity.attributes.Status)!"unknown"))},
  "project": ${json(entity.key)},
  "changedBy": <#if initiator??>${json(initiator.name)}<#else>null</#if>,
  "changes": ${json(changes)}
}'''
    }
}

webhook('budget_increase') {
    label 'Budget increase notice'
    description 'Tells the controllers when a project\'s budget goes up (not when it goes down)'
    owner 'controlling@globex.example.com'
    on 'Project:Updated'
    tenant 'globex'
    filter {
        changed 'Budget'
        where { e -> (e.attributes.Budget ?: 0) > (e.before?.Budget ?: 0) }
    }
    request {
        post 'https://controlling.globex.example.com/budget-increases'
        header 'Content-Type', 'application/json'
        body '''{
  "project": ${json(entity.key)},
  "from": ${json((before.Budget)!0)},
  "to": ${json((entity.attributes.Budget)!0)},
  "by": <#if initiator??>${json(initiator.login)}<#else>null</#if>,
  "at": ${json(event.timestamp)}
}'''
        signingSecret 'CONTROLLING_SIGNING'
    }
}
