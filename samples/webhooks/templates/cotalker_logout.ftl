<#-- Cotalker-style "logout-user" notification. -->
{
  "webhook": {"code": ${json(webhook.code)}, "trigger": "logout-user"},
  "messageId": ${json(message.id)},
  "company": ${json(event.tenant)},
  "user": {
    "_id": ${json(entity.id)},
    "login": ${json(entity.key)},
    "name": ${json((entity.attributes.FullName)!"")},
    "email": ${json((entity.attributes.Email)!"")}
  },
  "loggedOutAt": ${json(event.timestamp)}
}
