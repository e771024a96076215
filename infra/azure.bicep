// Everything Group Conversations runs on in Azure: App Service (Linux, Node 22 LTS) with a user-assigned
// managed identity, Blob storage for bot state reached with that identity (no account keys), Application
// Insights, and the Azure Bot (bot-registration.bicep). Parameters: azure.parameters.json (Agents Toolkit).

@minLength(4)
@maxLength(20)
@description('Prefix of every resource name.')
param resourceBaseName string

param location string = resourceGroup().location

@description('BOT_ID: the single-tenant Entra app the bot runs as (aadApp/create in m365agents.yml).')
param botAadAppClientId string

@secure()
@description('SECRET_BOT_PASSWORD: its client secret (MicrosoftAppPassword and the OAuth connection).')
param botAadAppClientSecret string

param tenantId string = tenant().tenantId

@maxLength(42)
param botDisplayName string = 'Group Conversations'

param connectionName string = 'GraphSSO'

@description('B1 is the smallest plan with Always On; use P0v3 or above for several instances.')
param appServiceSku string = 'B1'

var storageName = toLower('${take(replace(resourceBaseName, '-', ''), 16)}${take(uniqueString(resourceGroup().id), 8)}')
var stateContainer = 'group-conversations-state'
// Built-in role "Storage Blob Data Contributor".
var blobDataContributor = 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: '${resourceBaseName}-identity'
  location: location
}

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: storageName
  location: location
  kind: 'StorageV2'
  sku: { name: 'Standard_LRS' }
  properties: {
    allowSharedKeyAccess: false
    allowBlobPublicAccess: false
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: storage
  name: 'default'
}

resource container 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobService
  name: stateContainer
}

// Claim blobs are kept after a post succeeds (docs/architecture.md); a day later they only take space.
resource claimCleanup 'Microsoft.Storage/storageAccounts/managementPolicies@2023-05-01' = {
  parent: storage
  name: 'default'
  properties: {
    policy: {
      rules: [
        {
          name: 'delete-old-claims'
          enabled: true
          type: 'Lifecycle'
          definition: {
            filters: { blobTypes: ['blockBlob'], prefixMatch: ['${stateContainer}/claims/'] }
            actions: { baseBlob: { delete: { daysAfterModificationGreaterThan: 1 } } }
          }
        }
      ]
    }
  }
}

resource stateAccess 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: storage
  name: guid(storage.id, identity.id, blobDataContributor)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', blobDataContributor)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource logs 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: '${resourceBaseName}-logs'
  location: location
  properties: {
    sku: { name: 'PerGB2018' }
    retentionInDays: 30
  }
}

resource insights 'Microsoft.Insights/components@2020-02-02' = {
  name: '${resourceBaseName}-insights'
  location: location
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: logs.id
  }
}

resource plan 'Microsoft.Web/serverfarms@2023-12-01' = {
  name: '${resourceBaseName}-plan'
  location: location
  kind: 'linux'
  sku: { name: appServiceSku }
  properties: { reserved: true }
}

resource web 'Microsoft.Web/sites@2023-12-01' = {
  name: '${resourceBaseName}-app'
  location: location
  kind: 'app,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: { '${identity.id}': {} }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    siteConfig: {
      linuxFxVersion: 'NODE|22-lts'
      // The deployed folder is the production tree (`npm run stage`): compiled JS and production modules.
      appCommandLine: 'node --enable-source-maps dist/src/index.js'
      alwaysOn: true
      ftpsState: 'Disabled'
      minTlsVersion: '1.2'
      http20Enabled: true
      healthCheckPath: '/readyz'
      appSettings: [
        { name: 'MicrosoftAppId', value: botAadAppClientId }
        { name: 'MicrosoftAppPassword', value: botAadAppClientSecret }
        { name: 'MicrosoftAppType', value: 'SingleTenant' }
        { name: 'MicrosoftAppTenantId', value: tenantId }
        { name: 'ConnectionName', value: connectionName }
        { name: 'STORAGE_ACCOUNT_URL', value: storage.properties.primaryEndpoints.blob }
        { name: 'STORAGE_CONTAINER', value: stateContainer }
        // DefaultAzureCredential picks the managed identity this names.
        { name: 'AZURE_CLIENT_ID', value: identity.properties.clientId }
        { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: insights.properties.ConnectionString }
        { name: 'SHUTDOWN_GRACE_MS', value: '20000' }
        // Run the uploaded zip as it is: it already holds node_modules, nothing to build on the server.
        { name: 'WEBSITE_RUN_FROM_PACKAGE', value: '1' }
        { name: 'SCM_DO_BUILD_DURING_DEPLOYMENT', value: 'false' }
      ]
    }
  }
}

module bot 'bot-registration.bicep' = {
  name: 'bot-registration'
  params: {
    botName: resourceBaseName
    displayName: botDisplayName
    botAadAppClientId: botAadAppClientId
    botAadAppClientSecret: botAadAppClientSecret
    tenantId: tenantId
    messagingEndpoint: 'https://${web.properties.defaultHostName}/api/messages'
    connectionName: connectionName
  }
}

// Written to env/.env.{name} by the Agents Toolkit (arm/deploy) for the deploy step and the app package.
output BOT_AZURE_APP_SERVICE_RESOURCE_ID string = web.id
output BOT_DOMAIN string = web.properties.defaultHostName
output BOT_ENDPOINT string = 'https://${web.properties.defaultHostName}'
