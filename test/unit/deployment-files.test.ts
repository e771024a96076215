import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseDotenv } from 'dotenv';
import { parse as parseYaml } from 'yaml';

/**
 * The Agents Toolkit project (m365agents*.yml, env/), the Bicep and the Entra app definition must describe one
 * deployment: every placeholder has a source, every file they name exists, the Bicep parameters line up.
 * The Bicep CLI is not available here, so the templates are checked for structure, not compiled.
 */

const ROOT = join(__dirname, '..', '..');
const read = (path: string): string => readFileSync(join(ROOT, path), 'utf8');
const PLACEHOLDER = /\$\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g;
// biome-ignore lint/suspicious/noTemplateCurlyInString: literal ${...} text is the input under test
const BOT_ID = '${{BOT_ID}}';

interface Action {
  uses: string;
  with?: Record<string, unknown>;
  writeToEnvironmentFile?: Record<string, string>;
}
interface Project {
  version: string;
  environmentFolderPath: string;
  provision: Action[];
  deploy: Action[];
  publish?: Action[];
}

const project = parseYaml(read('m365agents.yml')) as Project;
const local = parseYaml(read('m365agents.local.yml')) as Project;
const azureBicep = read('infra/azure.bicep');
const botBicep = read('infra/bot-registration.bicep');

function placeholders(text: string): string[] {
  return [...text.matchAll(PLACEHOLDER)].map((match) => match[1]);
}

function actions(file: Project): Action[] {
  return [...file.provision, ...file.deploy, ...(file.publish ?? [])];
}

/** Variables the toolkit writes itself: action outputs, Bicep outputs, the dev tunnel task, built-ins. */
function writtenBy(file: Project, bicep: string): Set<string> {
  const written = new Set([
    'TEAMSFX_ENV',
    'AAD_APP_ACCESS_AS_USER_PERMISSION_ID',
    'BOT_ENDPOINT',
    'BOT_DOMAIN',
  ]);
  for (const action of actions(file))
    for (const name of Object.values(action.writeToEnvironmentFile ?? {})) written.add(name);
  for (const match of bicep.matchAll(/^output (\w+) /gm)) written.add(match[1]);
  return written;
}

function bicepParams(bicep: string): Map<string, { hasDefault: boolean }> {
  const params = new Map<string, { hasDefault: boolean }>();
  for (const match of bicep.matchAll(/^param (\w+) \w+( = .+)?$/gm))
    params.set(match[1], { hasDefault: match[2] !== undefined });
  return params;
}

function resourceTypes(bicep: string): string[] {
  return [...bicep.matchAll(/^resource \w+ '([^@']+)@\d{4}-\d{2}-\d{2}(-preview)?'/gm)].map(
    (match) => match[1],
  );
}

describe('m365agents.yml (atk provision / deploy / publish)', () => {
  test('provisions the Teams app, a single-tenant Entra app with SSO, the Azure resources, then the app package', () => {
    expect(project.version).toBe('v1.11');
    expect(project.provision.map((action) => action.uses)).toEqual([
      'teamsApp/create',
      'aadApp/create',
      'aadApp/update',
      'arm/deploy',
      'teamsApp/validateManifest',
      'teamsApp/zipAppPackage',
      'teamsApp/validateAppPackage',
      'teamsApp/update',
    ]);
    const entra = project.provision[1];
    // Azure no longer creates multi-tenant bots: the app and the bot are single-tenant.
    expect(entra.with).toMatchObject({ signInAudience: 'AzureADMyOrg', generateClientSecret: true });
    expect(entra.writeToEnvironmentFile).toMatchObject({
      clientId: 'BOT_ID',
      clientSecret: 'SECRET_BOT_PASSWORD',
    });
  });

  test('deploys the staged production tree (npm run stage → build/app) to the App Service Bicep creates', () => {
    const scripts = (JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts;
    expect(project.deploy.map((action) => action.with?.args ?? action.uses)).toEqual([
      'ci --no-audit --no-fund',
      'run stage',
      'azureAppService/zipDeploy',
    ]);
    expect(scripts.stage).toContain('stage-app.js');
    expect(read('scripts/stage-app.ts')).toContain("join(REPO_ROOT, 'build', 'app')");
    expect(project.deploy[2].with).toEqual({
      artifactFolder: 'build/app',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: literal ${...} text is the input under test
      resourceId: '${{BOT_AZURE_APP_SERVICE_RESOURCE_ID}}',
    });
  });

  test.each([
    ['m365agents.yml', project, azureBicep, 'env/.env.dev.sample'],
    ['m365agents.local.yml', local, botBicep, 'env/.env.local.sample'],
  ])('%s: every file it names exists and every placeholder has a source', (_name, file, bicep, envFile) => {
    const paths = actions(file).flatMap((action) => {
      const args = action.with ?? {};
      const templates = (args.templates as Array<{ path: string; parameters: string }> | undefined) ?? [];
      return [args.manifestPath, ...templates.flatMap((template) => [template.path, template.parameters])];
    });
    for (const path of paths.filter((value): value is string => typeof value === 'string'))
      expect({ path, exists: existsSync(join(ROOT, path)) }).toEqual({ path, exists: true });

    const committed = new Set(Object.keys(parseDotenv(read(envFile))));
    const sources = new Set([...writtenBy(file, bicep), ...committed]);
    const templates = paths.filter(
      (path): path is string => typeof path === 'string' && existsSync(join(ROOT, path)),
    );
    const used = [
      ...placeholders(JSON.stringify(file)),
      ...templates.flatMap((path) => placeholders(read(path))),
      ...placeholders(read('appPackage/manifest.json')),
    ];
    for (const name of new Set(used))
      expect({ name, source: sources.has(name) }).toEqual({ name, source: true });
  });

  test('only env samples are committed, and they hold no secrets', () => {
    const samples = readdirSync(join(ROOT, 'env')).filter((file) => file.endsWith('.sample'));
    expect(samples.sort()).toEqual(['.env.dev.sample', '.env.local.sample']);
    for (const file of samples) {
      const values = parseDotenv(read(join('env', file)));
      for (const [name, value] of Object.entries(values)) {
        expect(name).not.toMatch(/^SECRET_/);
        if (/^(BOT_ID|TEAMS_APP_ID|BOT_OBJECT_ID|BOT_TENANT_ID|AZURE_SUBSCRIPTION_ID)$/.test(name))
          expect(value).toBe('');
      }
    }
    // Filled-in environments (and their .user secrets) stay on the machine that provisioned them.
    expect(read('.gitignore')).toMatch(/^env\/\.env\.\*$/m);
    expect(read('.gitignore')).toMatch(/^!env\/\.env\.\*\.sample$/m);
  });

  test('local debugging registers only the bot, pointed at the dev tunnel, and runs it with the toolkit settings', () => {
    const deploy = local.provision.find((action) => action.uses === 'arm/deploy');
    expect(deploy?.with?.templates).toEqual([
      expect.objectContaining({
        path: './infra/bot-registration.bicep',
        parameters: './infra/azure.parameters.local.json',
      }),
    ]);
    const settings = local.deploy.find((action) => action.uses === 'file/createOrUpdateEnvironmentFile');
    expect(settings?.with).toMatchObject({
      target: './.localConfigs',
      envs: { MicrosoftAppId: BOT_ID, MicrosoftAppType: 'SingleTenant', ConnectionName: 'GraphSSO' },
    });
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a VS Code variable, compared as text
    expect(read('.vscode/launch.json')).toContain('"DOTENV_CONFIG_PATH": "${workspaceFolder}/.localConfigs"');
  });
});

describe('infra/azure.bicep', () => {
  test('declares the whole deployment', () => {
    expect(resourceTypes(azureBicep).sort()).toEqual([
      'Microsoft.Authorization/roleAssignments',
      'Microsoft.Insights/components',
      'Microsoft.ManagedIdentity/userAssignedIdentities',
      'Microsoft.OperationalInsights/workspaces',
      'Microsoft.Storage/storageAccounts',
      'Microsoft.Storage/storageAccounts/blobServices',
      'Microsoft.Storage/storageAccounts/blobServices/containers',
      'Microsoft.Storage/storageAccounts/managementPolicies',
      'Microsoft.Web/serverfarms',
      'Microsoft.Web/sites',
    ]);
    expect(azureBicep).toMatch(/^module bot 'bot-registration\.bicep' = \{$/m);
    expect(resourceTypes(botBicep).sort()).toEqual([
      'Microsoft.BotService/botServices',
      'Microsoft.BotService/botServices/channels',
      'Microsoft.BotService/botServices/connections',
    ]);
  });

  test('storage takes no account keys; the managed identity gets Storage Blob Data Contributor on it', () => {
    expect(azureBicep).toMatch(/allowSharedKeyAccess: false/);
    expect(azureBicep).toMatch(/allowBlobPublicAccess: false/);
    expect(azureBicep).toContain("var blobDataContributor = 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'");
    expect(azureBicep).toMatch(/principalId: identity\.properties\.principalId/);
    expect(azureBicep).toMatch(/scope: storage/);
  });

  test('App Service: Linux, Node 22 LTS, the identity attached, the compiled entry point, /readyz as health check', () => {
    expect(azureBicep).toContain("linuxFxVersion: 'NODE|22-lts'");
    // biome-ignore lint/suspicious/noTemplateCurlyInString: Bicep interpolation, compared as text
    expect(azureBicep).toContain("'${identity.id}': {}");
    expect(azureBicep).toContain("appCommandLine: 'node --enable-source-maps dist/src/index.js'");
    expect(azureBicep).toContain("healthCheckPath: '/readyz'");
    expect(azureBicep).toContain('httpsOnly: true');
  });

  test('every app setting is one the bot, the Azure SDK or App Service reads', () => {
    const settings = [...azureBicep.matchAll(/\{ name: '(\w+)', value: /g)].map((match) => match[1]);
    const readBySdkOrPlatform = [
      'AZURE_CLIENT_ID',
      'APPLICATIONINSIGHTS_CONNECTION_STRING',
      'WEBSITE_RUN_FROM_PACKAGE',
      'SCM_DO_BUILD_DURING_DEPLOYMENT',
    ];
    // The setting names config reads: its own, and the Bot Framework ones it takes from shared/settings.ts.
    const config = read('src/server/config.ts') + read('src/shared/settings.ts');
    for (const name of settings.filter((setting) => !readBySdkOrPlatform.includes(setting)))
      expect({ name, readByConfig: config.includes(`'${name}'`) }).toEqual({ name, readByConfig: true });
    // Storage by account URL and managed identity, never by connection string (the account has no keys).
    expect(settings).toEqual(
      expect.arrayContaining(['STORAGE_ACCOUNT_URL', 'AZURE_CLIENT_ID', 'MicrosoftAppTenantId']),
    );
    expect(settings).not.toContain('STORAGE_CONNECTION_STRING');
    expect(azureBicep).toContain("{ name: 'MicrosoftAppType', value: 'SingleTenant' }");
  });

  test.each([
    ['infra/azure.bicep', 'infra/azure.parameters.json'],
    ['infra/bot-registration.bicep', 'infra/azure.parameters.local.json'],
  ])('%s and %s name the same parameters', (bicepPath, parametersPath) => {
    const declared = bicepParams(read(bicepPath));
    const given = Object.keys((JSON.parse(read(parametersPath)) as { parameters: object }).parameters);
    for (const name of given)
      expect({ name, declared: declared.has(name) }).toEqual({ name, declared: true });
    for (const [name, param] of declared)
      if (!param.hasDefault) expect({ name, given: given.includes(name) }).toEqual({ name, given: true });
  });

  test('the secret is a @secure() parameter and never an output', () => {
    for (const bicep of [azureBicep, botBicep]) {
      expect(bicep).toMatch(/@secure\(\)\n(@description\(.*\)\n)?param botAadAppClientSecret string/);
      expect(bicep).not.toMatch(/^output .*[Ss]ecret/m);
    }
  });

  test('brackets balance (a cheap stand-in for the compiler)', () => {
    for (const bicep of [azureBicep, botBicep]) {
      // Comments stand on lines of their own here; a // inside a string is a URL.
      const code = bicep.replace(/^\s*\/\/.*$/gm, '').replace(/'(?:[^'\\]|\\.)*'/g, "''");
      for (const [open, close] of [
        ['{', '}'],
        ['[', ']'],
        ['(', ')'],
      ])
        expect(code.split(open).length).toBe(code.split(close).length);
    }
  });
});

describe('infra/bot-registration.bicep', () => {
  test('a single-tenant Azure Bot with the Teams channel', () => {
    expect(botBicep).toContain("msaAppType: 'SingleTenant'");
    expect(botBicep).toContain('msaAppTenantId: tenantId');
    expect(botBicep).toContain("channelName: 'MsTeamsChannel'");
  });

  test('the OAuth connection: Azure AD v2 with the token exchange URL Teams SSO needs, and the three Graph scopes', () => {
    expect(botBicep).toContain("serviceProviderId: '30dd229c-58e3-4a48-bdfd-91ec48eb906c'");
    // biome-ignore lint/suspicious/noTemplateCurlyInString: Bicep interpolation, compared as text
    expect(botBicep).toContain("{ key: 'tokenExchangeUrl', value: 'api://botid-${botAadAppClientId}' }");
    expect(botBicep).toContain(
      "param graphScopes string = 'Group.ReadWrite.All GroupMember.Read.All User.ReadBasic.All'",
    );
  });
});

describe('infra/aad.manifest.json (the Entra app)', () => {
  const app = JSON.parse(read('infra/aad.manifest.json')) as {
    signInAudience: string;
    identifierUris: string[];
    api: {
      oauth2PermissionScopes: Array<{ value: string }>;
      preAuthorizedApplications: Array<{ appId: string }>;
    };
    web: { redirectUris: string[] };
    requiredResourceAccess: Array<{
      resourceAppId: string;
      resourceAccess: Array<{ id: string; type: string }>;
    }>;
  };
  const teamsManifest = JSON.parse(read('appPackage/manifest.json')) as {
    webApplicationInfo: { resource: string };
  };

  test('is the SSO resource the Teams manifest names, exposing access_as_user to the Teams clients', () => {
    expect(app.signInAudience).toBe('AzureADMyOrg');
    expect(app.identifierUris).toEqual([teamsManifest.webApplicationInfo.resource]);
    expect(app.api.oauth2PermissionScopes.map((scope) => scope.value)).toEqual(['access_as_user']);
    expect(app.api.preAuthorizedApplications.map((client) => client.appId).sort()).toEqual([
      '1fec8e78-bce4-4aaf-ab1b-5451cc387264',
      '5e3ce6c0-2b1f-4285-8d4b-75ee78787346',
    ]);
    expect(app.web.redirectUris).toEqual(['https://token.botframework.com/.auth/web/redirect']);
  });

  test('asks for exactly the three delegated Graph permissions (plus sign-in), no application permission', () => {
    expect(app.requiredResourceAccess).toHaveLength(1);
    const [graph] = app.requiredResourceAccess;
    expect(graph.resourceAppId).toBe('Microsoft Graph');
    expect(graph.resourceAccess.every((access) => access.type === 'Scope')).toBe(true);
    expect(graph.resourceAccess.map((access) => access.id).sort()).toEqual([
      'Group.ReadWrite.All',
      'GroupMember.Read.All',
      'User.ReadBasic.All',
      'offline_access',
      'openid',
      'profile',
    ]);
  });
});
