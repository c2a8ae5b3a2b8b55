// Cotalker (reference 004): a webhook object has a code, a trigger and a context. Trigger
// "create-edit-delete-task" with context.taskGroup becomes on 'Task:*' filtered on the task's parent task
// group; trigger "logout-user" becomes on 'User:LoggedOut'. isActive is `active`.

webhook('wo_update') {
    label 'Work Orders Update'
    description 'Sends updates on Work Orders: tasks of the Work Orders task group, created, edited or deleted'
    owner 'ops@globex.example.com'
    on 'Task:*'
    filter {
        field('parent.type') == 'TaskGroup'
        field('parent.id') == '6261612a8f1e99002e5c8cce'
    }
    request {
        post 'https://wo.example.com/cotalker/webhooks/wo_update'
        header 'Content-Type', 'application/json'
        body template('cotalker_task.ftl')
        signingSecret 'COTALKER_SIGNING'
    }
    execution {
        synchronous false
        transaction 'after-commit'
    }
}

webhook('user_logout') {
    label 'User logout'
    description 'Tells the field-service app to drop the sessions of a user who logged out'
    owner 'ops@globex.example.com'
    on 'User:LoggedOut'
    request {
        post 'https://fieldapp.example.com/cotalker/webhooks/user_logout'
        header 'Content-Type', 'application/json'
        body template('cotalker_logout.ftl')
        signingSecret 'COTALKER_SIGNING'
    }
    execution {
        synchronous false
        transaction 'after-commit'
        timeout '3s'
    }
}
