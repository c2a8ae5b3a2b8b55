<#-- Admin-console audit event: who did what to which user, invite, group, role or API key. -->
{
  "id": ${json(message.id)},
  "type": ${json(event.type)},
  "createdAt": ${json(event.timestamp)},
  "workspace": ${json(event.tenant)},
  "actor": <#if initiator??>{
    "id": ${json(initiator.userId)},
    "name": ${json(initiator.name)},
    "login": ${json(initiator.login)}
  }<#else>null</#if>,
  "object": {
    "type": ${json(entity.type)},
    "id": ${json(entity.id)},
    "key": ${json(entity.key)},
    "attributes": ${json(entity.attributes)}
  },
  "previousAttributes": ${json(before)},
  "changes": ${json(changes)}
}
