// One webhook per row of the execution table, all on the same event, all posting to the example receiver
// that samples/embedded's ExampleHost starts on localhost:8099.

webhook('budget_guard') {
    label 'Budget guard: the finance system may refuse a budget'
    on 'Project:Updated'
    filter { changed 'Budget' }
    request {
        post 'http://localhost:8099/sync-inside'
        header 'Content-Type', 'application/json'
        body '''{"project": "${entity.key}", "budget": ${entity.attributes.Budget?c}}'''
    }
    execution {
        synchronous true
        transaction 'inside'            // sent before the host commits; a refusal rolls the host back
        timeout '2s'
    }
}

webhook('budget_mail') {
    label 'Budget mail: tell the sponsor once it is saved'
    on 'Project:Updated'
    filter { changed 'Budget' }
    request {
        post 'http://localhost:8099/sync-after-commit'
        header 'Content-Type', 'application/json'
        body '''{"project": "${entity.key}", "budget": ${entity.attributes.Budget?c}}'''
    }
    execution {
        synchronous true
        transaction 'after-commit'      // sent in the caller's thread once committed; never after a rollback
    }
}

webhook('budget_erp') {
    label 'Budget to ERP: durable, in the host transaction'
    on 'Project:Updated'
    filter { changed 'Budget' }
    request {
        post 'http://localhost:8099/async-inside'
        header 'Content-Type', 'application/json'
        body '''{"project": "${entity.key}", "budget": ${entity.attributes.Budget?c}, "message": "${message.id}"}'''
    }
    execution {
        synchronous false
        transaction 'inside'            // outbox row written in the host's transaction: commits or vanishes with it
        retry '5s', '1m', '10m'
    }
}

webhook('budget_warehouse') {
    label 'Budget to the data warehouse: queued after commit'
    on 'Project:Updated'
    filter { changed 'Budget' }
    request {
        post 'http://localhost:8099/async-after-commit'
        header 'Content-Type', 'application/json'
        body '''{"project": "${entity.key}", "budget": ${entity.attributes.Budget?c}}'''
    }
    execution {
        synchronous false
        transaction 'after-commit'      // queued once committed; retried with the default schedule
    }
}
