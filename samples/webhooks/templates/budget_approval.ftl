<#-- Finance approval request for a project over budget threshold. -->
{
  "reference": ${json(entity.key)},
  "project": {
    "id": ${json(entity.id)},
    "name": ${json((entity.attributes.Name)!entity.key)},
    "portfolio": ${json((entity.attributes.Portfolio)![])},
    "managers": ${json((entity.attributes.Manager)![])},
    "startDate": ${json((entity.attributes.StartDate)!"")},
    "finishDate": ${json((entity.attributes.FinishDate)!"")}
  },
  "budget": ${json((entity.attributes.Budget)!0)},
  "previousBudget": <#if before??>${json((before.Budget)!0)}<#else>null</#if>,
  "currency": "EUR",
  "requestedBy": <#if initiator??>${json(initiator.login)}<#else>null</#if>,
  "tenant": ${json(event.tenant)},
  "event": ${json(event.type)}
}
