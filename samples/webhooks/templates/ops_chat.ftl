<#-- A chat message (Slack's incoming-webhook shape: text, and blocks for clients that show them) about a webhook. -->
<#assign a = entity.attributes>
<#assign where = event.tenant?has_content?then(" (" + event.tenant + ")", "")>
<#if event.type == "Hookwright:WebhookDeactivated">
  <#assign headline = ":red_circle: Webhook `" + entity.id + "`" + where + " was deactivated">
<#else>
  <#assign headline = ":warning: Webhook `" + entity.id + "`" + where + " is failing: " + (a.failures!"?") + " in a row">
</#if>
{
  "text": ${json(headline)},
  "blocks": [
    {"type": "section", "text": {"type": "mrkdwn", "text": ${json(headline + "\n" + (a.reason!""))}}},
    {"type": "context", "elements": [
      {"type": "mrkdwn", "text": ${json("Last error: " + (a.lastError!"none"))}},
      {"type": "mrkdwn", "text": ${json("Target: " + (a.url!"unknown"))}},
      {"type": "mrkdwn", "text": ${json("By: " + (a.by!"engine"))}}
    ]}
  ]
}
