// An admin console's webhooks page (reference 003): one webhook per group of tracked actions (users, invites,
// groups, roles, API keys), each with an owner and an active/inactive status, all signed with Standard
// Webhooks signatures so the security team's receiver can verify them.

webhook('admin_users') {
    label 'Users: status changes and management'
    description 'User accounts created, changed, deactivated, reactivated or deleted (log-outs are left to user_logout)'
    owner 'security@acme.example.com'
    on 'User:*'
    filter {
        not {
            field('event.type') == 'User:LoggedOut'
        }
    }
    request {
        post 'https://security.example.com/hooks/directory'
        header 'Content-Type', 'application/json'
        body template('admin_event.ftl')
        signingSecret 'ADMIN_SIGNING'
    }
}

webhook('admin_invites') {
    label 'Invites: created and deleted'
    description 'Invitations to join a workspace, sent or withdrawn'
    owner 'security@acme.example.com'
    on 'Invite:Created', 'Invite:Deleted'
    request {
        post 'https://security.example.com/hooks/directory'
        header 'Content-Type', 'application/json'
        body template('admin_event.ftl')
        signingSecret 'ADMIN_SIGNING'
    }
}

webhook('admin_groups') {
    label 'Groups: creation and management'
    description 'User groups created, renamed, deleted, or their members changed. Paused while the directory sync moves to the new receiver.'
    owner 'it-directory@acme.example.com'
    active false
    on 'Group:*'
    request {
        post 'https://security.example.com/hooks/directory'
        header 'Content-Type', 'application/json'
        body template('admin_event.ftl')
        signingSecret 'ADMIN_SIGNING'
    }
}

webhook('admin_roles') {
    label 'Roles: creation and management'
    description 'Roles created, deleted, or their permissions changed'
    owner 'security@acme.example.com'
    on 'Role:*'
    request {
        post 'https://security.example.com/hooks/directory'
        header 'Content-Type', 'application/json'
        body template('admin_event.ftl')
        signingSecret 'ADMIN_SIGNING'
    }
}

webhook('admin_api_keys') {
    label 'API keys: creation and management'
    description 'API keys created, rotated, or revoked; never carries a key\'s secret, only its prefix'
    owner 'security@acme.example.com'
    on 'ApiKey:*'
    request {
        post 'https://security.example.com/hooks/api-keys'
        header 'Content-Type', 'application/json'
        body template('admin_event.ftl')
        signingSecret 'ADMIN_SIGNING', 'ADMIN_SIGNING_NEXT'      // two names while the secret is rotated
    }
    execution {
        synchronous false
        transaction 'inside'
    }
}
