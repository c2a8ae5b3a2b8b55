<#-- Cotalker-style task notification: which webhook fired (code and trigger), what happened to the task, in
     which task group, and the task as it is now (and what changed, on edits). -->
<#assign operations = {"Created": "create", "Updated": "edit", "Deleted": "delete"}>
{
  "webhook": {
    "code": ${json(webhook.code)},
    "trigger": "create-edit-delete-task",
    "context": {"taskGroup": <#if parent??>${json(parent.id)}<#else>null</#if>}
  },
  "messageId": ${json(message.id)},
  "company": ${json(event.tenant)},
  "operation": ${json((operations[event.action])!(event.action?lower_case))},
  "task": {
    "_id": ${json(entity.id)},
    "serial": ${json(entity.key)},
    "taskGroup": <#if parent??>${json(parent.id)}<#else>null</#if>,
    "data": ${json(entity.attributes)}
  },
  "changes": ${json(changes)},
  "modifiedBy": <#if initiator??>${json(initiator.userId)}<#else>null</#if>,
  "timestamp": ${json(event.timestamp)}
}
