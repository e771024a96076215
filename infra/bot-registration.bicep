// The Azure Bot: single-tenant registration, Teams channel and the OAuth connection Teams SSO exchanges tokens
// through. Used by azure.bicep (App Service endpoint) and by m365agents.local.yml (dev tunnel endpoint).

@description('Azure Bot resource name (globally unique).')
param botName string

@maxLength(42)
param displayName string = 'Group Conversations'

@description('The Entra app (client) id the bot runs as: BOT_ID / MicrosoftAppId.')
param botAadAppClientId string

@secure()
@description('A client secret of that app; the OAuth connection signs in to Entra with it.')
param botAadAppClientSecret string

@description('The tenant of the app registration. Azure no longer creates multi-tenant bots.')
param tenantId string = tenant().tenantId

@description('https://{host}/api/messages')
param messagingEndpoint string

@description('The OAuth connection name; the bot reads it as ConnectionName.')
param connectionName string = 'GraphSSO'

@description('Delegated Graph permissions the bot acts with (admin consent required for Group.ReadWrite.All).')
param graphScopes string = 'Group.ReadWrite.All GroupMember.Read.All User.ReadBasic.All'

@allowed(['F0', 'S1'])
param sku string = 'F0'

resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: botName
  location: 'global'
  kind: 'azurebot'
  sku: { name: sku }
  properties: {
    displayName: displayName
    endpoint: messagingEndpoint
    msaAppId: botAadAppClientId
    msaAppType: 'SingleTenant'
    msaAppTenantId: tenantId
  }
}

resource teams 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'MsTeamsChannel'
  location: 'global'
  properties: {
    channelName: 'MsTeamsChannel'
  }
}

// "Azure Active Directory v2" provider. The token exchange URL is the app's Application ID URI
// (infra/aad.manifest.json, appPackage webApplicationInfo.resource): it is what makes Teams SSO work.
resource graphConnection 'Microsoft.BotService/botServices/connections@2022-09-15' = {
  parent: bot
  name: connectionName
  location: 'global'
  properties: {
    serviceProviderDisplayName: 'Azure Active Directory v2'
    serviceProviderId: '30dd229c-58e3-4a48-bdfd-91ec48eb906c'
    clientId: botAadAppClientId
    clientSecret: botAadAppClientSecret
    scopes: graphScopes
    parameters: [
      { key: 'tenantID', value: tenantId }
      { key: 'tokenExchangeUrl', value: 'api://botid-${botAadAppClientId}' }
    ]
  }
}

output connectionName string = graphConnection.name
