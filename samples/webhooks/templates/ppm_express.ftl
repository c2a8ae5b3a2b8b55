<#-- PPM Express webhook payload (reference 002).
     WebhookId and MessageId are GUIDs, as PPM Express sends them: the webhook's (one per webhook, the same on
     every node and after every restart) and the message's (stable across retries, like the webhook-id header).
     TimeStamp is written as .NET writes times, with seven digits of fractions of a second.
     BeforeAttributes only on *:Updated; ParentEntityId/ParentEntityType only for key dates and tasks. -->
<#assign childEntity = entity.type == "KeyDate" || entity.type == "Task">
<#assign instant = event.timestamp?remove_ending("Z")>
<#assign fraction = instant?contains(".")?then(instant?keep_after("."), "")>
<#assign timeStamp = instant?keep_before(".") + "." + (fraction + "0000000")[0..6] + "Z">
{
  "WebhookId": ${json(webhook.uuid)},
  "MessageId": ${json(message.uuid)},
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
    "TimeStamp": ${json(timeStamp)}
  }
}
