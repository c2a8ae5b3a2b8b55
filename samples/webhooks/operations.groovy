// The engine's own events, sent like any other: the operators' chat hears of a webhook in trouble before its
// receiver's owner does. Hookwright:* events are about the webhook (entity.id is its code) and carry the reason,
// the failures in a row, the last error and the URL, secrets masked.

webhook('ops_chat_alerts') {
    label 'Operators\' chat: webhooks in trouble'
    description 'Posts to the operators\' chat channel when failures in a row near the deactivation threshold, and when a webhook is deactivated'
    owner 'ops@acme.example.com'
    on 'Hookwright:FailuresRising', 'Hookwright:WebhookDeactivated'
    request {
        post 'https://chat.example.com/services/${secrets.OPS_CHAT_PATH}'
        header 'Content-Type', 'application/json'
        body template('ops_chat.ftl')
    }
    execution {
        synchronous false
        transaction 'after-commit'
    }
}
