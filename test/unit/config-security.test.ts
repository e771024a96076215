import { ConfigError, loadConfig } from '../../src/server/config';

const APP_ID = 'a1b2c3d4-0000-4000-8000-00000000beef';
const TENANT_ID = '4fab019f-b17c-4544-878f-41e88aea02c8';
const OTHER_TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const production = {
  MicrosoftAppId: APP_ID,
  MicrosoftAppPassword: 'secret~value',
  ConnectionName: 'GraphConnection',
};

function refusal(env: Record<string, string>): { setting: string; message: string } {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return { setting: error.setting, message: error.message };
    throw error;
  }
  throw new Error(`expected a ConfigError for ${JSON.stringify(env)}`);
}

describe('ALLOWED_TENANT_IDS: whose activities the bot serves', () => {
  test('production without it or a tenant GUID in MicrosoftAppTenantId refuses to start, in one line', () => {
    const { setting, message } = refusal(production);
    expect(setting).toBe('ALLOWED_TENANT_IDS');
    expect(message).toBe(
      'Configuration error: ALLOWED_TENANT_IDS is required in production: the tenant GUIDs whose users may use the bot, comma-separated (or MicrosoftAppTenantId set to the tenant GUID; * allows any tenant).',
    );
    expect(message).not.toContain('\n');
  });

  test('production defaults to the bot’s own tenant, MicrosoftAppTenantId, when that is a GUID', () => {
    const config = loadConfig({
      ...production,
      MicrosoftAppType: 'SingleTenant',
      MicrosoftAppTenantId: TENANT_ID.toUpperCase(),
    });
    expect(config.tenants).toEqual({ kind: 'listed', ids: new Set([TENANT_ID]) });
  });

  test('a tenant domain in MicrosoftAppTenantId is not a tenant id Teams sends: the list is then required', () => {
    const env = {
      ...production,
      MicrosoftAppType: 'SingleTenant',
      MicrosoftAppTenantId: 'contoso.onmicrosoft.com',
    };
    expect(refusal(env).setting).toBe('ALLOWED_TENANT_IDS');
    expect(loadConfig({ ...env, ALLOWED_TENANT_IDS: TENANT_ID }).tenants).toEqual({
      kind: 'listed',
      ids: new Set([TENANT_ID]),
    });
  });

  test('a comma-separated list of GUIDs, lower-cased; "*" alone allows any tenant, explicitly', () => {
    expect(
      loadConfig({ ...production, ALLOWED_TENANT_IDS: ` ${TENANT_ID}, ${OTHER_TENANT.toUpperCase()} ` })
        .tenants,
    ).toEqual({
      kind: 'listed',
      ids: new Set([TENANT_ID, OTHER_TENANT]),
    });
    expect(loadConfig({ ...production, ALLOWED_TENANT_IDS: '*' }).tenants).toEqual({ kind: 'any' });
  });

  test.each(['contoso', `${TENANT_ID},*`, ',', 'common'])('"%s" is refused', (value) => {
    expect(refusal({ ...production, ALLOWED_TENANT_IDS: value }).setting).toBe('ALLOWED_TENANT_IDS');
  });

  test('local mode serves any tenant unless the list is set', () => {
    expect(loadConfig({}).tenants).toEqual({ kind: 'any' });
    expect(loadConfig({ ALLOWED_TENANT_IDS: TENANT_ID }).tenants).toEqual({
      kind: 'listed',
      ids: new Set([TENANT_ID]),
    });
  });
});

describe('URL settings: https://, or http:// only on a loopback host', () => {
  test.each([
    'OAuthUrl',
    'ToChannelFromBotLoginUrl',
    'ToChannelFromBotOAuthScope',
    'ToBotFromChannelOpenIdMetadataUrl',
    'ToBotFromEmulatorOpenIdMetadataUrl',
  ] as const)('%s refuses http:// to a private address and accepts https:// and loopback', (setting) => {
    const env = { ...production, ALLOWED_TENANT_IDS: TENANT_ID };
    expect(refusal({ ...env, [setting]: 'http://10.0.0.5/.well-known/openidconfiguration' })).toEqual({
      setting,
      message: `Configuration error: ${setting} must use https:// (http:// is allowed only for loopback hosts) (got "http://10.0.0.5/.well-known/openidconfiguration").`,
    });
    expect(refusal({ ...env, [setting]: 'not a url' }).setting).toBe(setting);
    expect(loadConfig({ ...env, [setting]: 'https://login.botframework.com/x' }).botFramework[setting]).toBe(
      'https://login.botframework.com/x',
    );
    expect(loadConfig({ ...env, [setting]: 'http://127.0.0.1:5056' }).mode).toBe('production');
    expect(loadConfig({ ...env, [setting]: 'http://[::1]:5056' }).mode).toBe('production');
  });

  test('a look-alike loopback name is not loopback', () => {
    const env = { ...production, ALLOWED_TENANT_IDS: TENANT_ID };
    expect(refusal({ ...env, OAuthUrl: 'http://127.0.0.1.evil.example' }).setting).toBe('OAuthUrl');
    expect(refusal({ ...env, OAuthUrl: 'http://localhost.evil.example' }).setting).toBe('OAuthUrl');
  });
});

describe('GRAPH_BASE_URL: a Microsoft Graph service root, or loopback', () => {
  test.each([
    'https://graph.microsoft.com/v1.0',
    'https://graph.microsoft.us/v1.0',
    'https://dod-graph.microsoft.us/v1.0',
    'https://microsoftgraph.chinacloudapi.cn/v1.0',
    'http://127.0.0.1:3980/v1.0',
  ])('%s is accepted', (url) => {
    expect(
      loadConfig({ ...production, ALLOWED_TENANT_IDS: TENANT_ID, GRAPH_BASE_URL: url }).graphBaseUrl?.href,
    ).toBe(url);
  });

  test.each([
    'https://graph.evil.example/v1.0',
    'https://graph.microsoft.com.evil.example/v1.0',
    'http://graph.microsoft.com/v1.0',
    'https://10.0.0.5/v1.0',
  ])('%s is refused: the user’s token would go there', (url) => {
    expect(refusal({ ...production, ALLOWED_TENANT_IDS: TENANT_ID, GRAPH_BASE_URL: url }).setting).toBe(
      'GRAPH_BASE_URL',
    );
  });
});

describe('HOST and storage endpoints', () => {
  test('local mode (anonymous auth) binds only to loopback', () => {
    expect(refusal({ HOST: '0.0.0.0' })).toEqual({
      setting: 'HOST',
      message:
        'Configuration error: HOST must be a loopback address (127.0.0.1, ::1 or localhost) in local mode, where requests are not authenticated (got "0.0.0.0").',
    });
    expect(refusal({ HOST: '192.168.1.20' }).setting).toBe('HOST');
    expect(loadConfig({ HOST: '::1' }).host).toBe('::1');
    expect(loadConfig({ HOST: 'localhost' }).host).toBe('localhost');
  });

  test('production may bind anywhere', () => {
    expect(loadConfig({ ...production, ALLOWED_TENANT_IDS: TENANT_ID, HOST: '0.0.0.0' }).host).toBe(
      '0.0.0.0',
    );
  });

  test('a storage connection string over plain http to a remote host is refused, without echoing the key', () => {
    const insecure =
      'DefaultEndpointsProtocol=http;AccountName=acct;AccountKey=c2VjcmV0;EndpointSuffix=core.windows.net';
    expect(refusal({ STORAGE_CONNECTION_STRING: insecure })).toEqual({
      setting: 'STORAGE_CONNECTION_STRING',
      message:
        'Configuration error: STORAGE_CONNECTION_STRING must use https:// endpoints (http:// is allowed only for a loopback BlobEndpoint).',
    });
    expect(
      refusal({
        STORAGE_CONNECTION_STRING: 'AccountName=a;AccountKey=k;BlobEndpoint=http://10.1.2.3:10000/a',
      }).setting,
    ).toBe('STORAGE_CONNECTION_STRING');
  });

  test('https, Azurite on loopback and the development-storage shortcut are accepted', () => {
    for (const connectionString of [
      'DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=c2VjcmV0;EndpointSuffix=core.windows.net',
      'DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=k;BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;',
      'UseDevelopmentStorage=true',
    ])
      expect(loadConfig({ STORAGE_CONNECTION_STRING: connectionString }).storage.connectionString).toBe(
        connectionString,
      );
  });
});
