<#-- SharePoint "SPSiteManager/create" request: one communication site per project, named after its key. -->
<#assign name = (entity.attributes.Name)!entity.key>
{
  "request": {
    "Title": ${json(name)},
    "Url": ${json("https://acme.sharepoint.example.com/sites/" + entity.key)},
    "Lcid": 1033,
    "ShareByEmailEnabled": false,
    "Classification": "Digital",
    "Description": ${json("Project space for " + entity.key + " – " + name)},
    "WebTemplate": "SITEPAGEPUBLISHING#0",
    "Owner": <#if initiator??>${json(initiator.login)}<#else>null</#if>,
    "ProjectId": ${json(entity.id)},
    "Managers": ${json((entity.attributes.Manager)![])}
  }
}
