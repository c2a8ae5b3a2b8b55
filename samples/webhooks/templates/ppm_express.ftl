<#-- PPM Express webhook payload (reference 002).
     WebhookId is the webhook's code, MessageId the message id (stable across retries).
     BeforeAttributes only on *:Updated; ParentEntityId/ParentEntityType only for key dates and tasks. -->
<#assign childEntity = entity.type == "KeyDate" || entity.type == "Task">
{
  "WebhookId": ${json(webhook.code)},
  "MessageId": ${json(message.id)},
  "Data": {
<#if childEntity>
    "ParentEntityId": <#if parent??>${json(parent.id)}<#else>null</#if>,
    "ParentEntityType": <#if parent??>${json(parent.type)}<#else>null</#if>,
</#if>
    "Id": ${json(entity.id)},
    "Attributes": ${json(entity.attributes)},
<#if event.action == "Updated">
    "BeforeAttributes": ${json(before)},
</#if>
    "Initiator": <#if initiator??>{
      "UserId": ${json(initiator.userId)},
      "FullName": ${json(initiator.name)},
      "LogonAccount": ${json(initiator.login)}
    }<#else>null</#if>,
    "TimeStamp": ${json(event.timestamp)}
  }
}
