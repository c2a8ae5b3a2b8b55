<#-- Projectrak outgoing webhook payload (reference 001): {"data": {event, user, timestamp, project, fields}}.
     The receiving side knows fields by id and type; map the names this platform uses to them here.
     A field not listed keeps its name as id, and its type is guessed from its value. -->
<#assign knownFields = {
  "Name":        {"id": 10001, "type": "text"},
  "Description": {"id": 10002, "type": "text"},
  "Budget":      {"id": 12345, "type": "number"},
  "Status":      {"id": 54321, "type": "status"},
  "Stage":       {"id": 10040, "type": "select"},
  "Priority":    {"id": 10041, "type": "number"},
  "Progress":    {"id": 10050, "type": "number"},
  "StartDate":   {"id": 10015, "type": "date"},
  "FinishDate":  {"id": 10016, "type": "date"},
  "Manager":     {"id": 10020, "type": "user"},
  "Portfolio":   {"id": 10030, "type": "multiselect"},
  "Program":     {"id": 10031, "type": "multiselect"}
}>
{
  "data": {
    "event": "updated",
    "user": <#if initiator??>${json(initiator.userId)}<#else>null</#if>,
    "timestamp": ${json(event.timestampMillis)},
    "project": {
      "id": ${json(entity.id)},
      "key": ${json(entity.key)},
      "name": ${json((entity.attributes.Name)!entity.key)}
    },
    "fields": [
<#list changes as change>
<#assign sample = change.current!change.previous!"">
<#if sample?is_number>
  <#assign guessed = "number">
<#elseif sample?is_boolean>
  <#assign guessed = "boolean">
<#elseif sample?is_sequence>
  <#assign guessed = "multiselect">
<#elseif sample?is_string && matches(sample, "\\d{4}-\\d{2}-\\d{2}.*")>
  <#assign guessed = "date">
<#else>
  <#assign guessed = "text">
</#if>
<#assign known = knownFields[change.field]!{"id": change.field, "type": guessed}>
      {
        "id": ${json(known.id)},
        "name": ${json(change.field)},
        "type": ${json(known.type)},
        "value": {
          "current": ${json(change.current)},
          "previous": ${json(change.previous)}
        }
      }<#sep>,</#sep>
</#list>
    ]
  }
}
