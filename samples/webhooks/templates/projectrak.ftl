<#-- Projectrak outgoing webhook payload (reference 001): {"data": {event, user, timestamp, project, fields}}.
     Projectrak knows a project by its Jira id (a number: the project's JiraProjectId here) and each field by
     its id (a number) and type; map the names this platform uses to them below. A change of a field not
     mapped is not one of Projectrak's fields and is left out (projectrak.groovy fires only when a mapped
     field changed: keep its list and this map the same).
     Values are text, as Projectrak shows them: numbers with "." between thousands and "," before decimals
     ("23.000"), dates as yyyy-MM-dd, checkboxes as Yes or No, users and options by name (comma-separated
     when several); a field the project did not have before is null. -->
<#assign projectrakFields = {
  "Name":        {"id": 10001, "type": "text"},
  "Description": {"id": 10002, "type": "text"},
  "Budget":      {"id": 12345, "type": "number"},
  "Status":      {"id": 54321, "type": "status"},
  "Stage":       {"id": 10040, "type": "select"},
  "Priority":    {"id": 10041, "type": "number"},
  "Category":    {"id": 10042, "type": "select"},
  "Progress":    {"id": 10050, "type": "number"},
  "StartDate":   {"id": 10015, "type": "date"},
  "FinishDate":  {"id": 10016, "type": "date"},
  "Manager":     {"id": 10020, "type": "user"},
  "Sponsor":     {"id": 10021, "type": "user"},
  "Portfolio":   {"id": 10030, "type": "multiselect"},
  "Program":     {"id": 10031, "type": "multiselect"}
}>
<#-- A value as Projectrak shows it; never null (the caller writes null for a value that is not there). -->
<#function shown value type>
  <#if value?is_number>
    <#-- Grouped the computer's way (23,000.5), then the separators swapped as Projectrak writes them. -->
    <#return value?string[",##0.###"]?replace(",", "_")?replace(".", ",")?replace("_", ".")>
  <#elseif value?is_boolean>
    <#return value?then("Yes", "No")>
  <#elseif value?is_hash>
    <#return (value.FullName)!(value.Name)!(value.Id)!"">
  <#elseif value?is_sequence>
    <#local names = "">
    <#list value as item>
      <#local names = names + (item?is_first)?then("", ", ") + shown(item, type)>
    </#list>
    <#return names>
  <#elseif type == "date" && matches(value, "\\d{4}-\\d{2}-\\d{2}.*")>
    <#return value[0..9]>
  <#else>
    <#return value>
  </#if>
</#function>
{
  "data": {
    "event": "updated",
    "user": <#if initiator??>${json(initiator.userId)}<#else>null</#if>,
    "timestamp": ${json(event.timestampMillis)},
    "project": {
      "id": ${json(entity.attributes.JiraProjectId)},
      "key": ${json(entity.key)},
      "name": ${json((entity.attributes.Name)!entity.key)}
    },
    "fields": [
<#list changes?filter(c -> projectrakFields[c.field]??) as change>
<#assign field = projectrakFields[change.field]>
      {
        "id": ${json(field.id)},
        "name": ${json(change.field)},
        "type": ${json(field.type)},
        "value": {
          "current": <#if change.current??>${json(shown(change.current, field.type))}<#else>null</#if>,
          "previous": <#if change.previous??>${json(shown(change.previous, field.type))}<#else>null</#if>
        }
      }<#sep>,</#sep>
</#list>
    ]
  }
}
