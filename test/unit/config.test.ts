import { ConfigError, LOCAL_BOT_ID, loadConfig } from '../../src/server/config';

const APP_ID = 'A1B2C3D4-0000-4000-8000-00000000BEEF';
const TENANT_ID = '4fab019f-b17c-4544-878f-41e88aea02c8';
const production = {
  MicrosoftAppId: APP_ID,
  MicrosoftAppPassword: 'secret~value',
  MicrosoftAppType: 'SingleTenant',
  MicrosoftAppTenantId: TENANT_ID,
  ConnectionName: 'GraphConnection',
};

/** The ConfigError loadConfig throws for env, so tests can check which setting it names. */
function configError(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error(`expected a ConfigError for ${JSON.stringify(env)}`);
}

describe('loadConfig in local mode (no MicrosoftAppId)', () => {
  test('an empty environment gives working local defaults with the embedded Graph sandbox', () => {
    expect(loadConfig({})).toEqual({
      mode: 'local',
      host: '127.0.0.1',
      port: 3978,
      botFramework: {},
      botId: LOCAL_BOT_ID,
      connectionName: undefined,
      graphBaseUrl: undefined,
      defaultGroupId: undefined,
      invokeBudgetMs: 8_000,
      storage: { connectionString: undefined, container: 'group-conversations-state' },
      shutdownGraceMs: 10_000,
      sandboxPort: 3980,
      logLevel: 'info',
      tenants: { kind: 'any' },
    });
  });

  test('STORAGE_ACCOUNT_URL: the blob endpoint for managed identity, never together with a connection string', () => {
    expect(
      loadConfig({ STORAGE_ACCOUNT_URL: 'https://contoso.blob.core.windows.net/' }).storage.accountUrl,
    ).toBe('https://contoso.blob.core.windows.net');
    expect(() => loadConfig({ STORAGE_ACCOUNT_URL: 'http://contoso.blob.core.windows.net' })).toThrow(
      'Configuration error: STORAGE_ACCOUNT_URL must use https://',
    );
    expect(() => loadConfig({ STORAGE_ACCOUNT_URL: 'https://contoso.blob.core.windows.net/state' })).toThrow(
      /STORAGE_ACCOUNT_URL must be the account blob endpoint/,
    );
    expect(() =>
      loadConfig({
        STORAGE_ACCOUNT_URL: 'https://contoso.blob.core.windows.net',
        STORAGE_CONNECTION_STRING: 'UseDevelopmentStorage=true',
      }),
    ).toThrow(
      'Configuration error: STORAGE_ACCOUNT_URL cannot be set together with STORAGE_CONNECTION_STRING.',
    );
  });

  test('SHUTDOWN_GRACE_MS bounds the wait for turns in flight on SIGTERM', () => {
    expect(loadConfig({ SHUTDOWN_GRACE_MS: '25000' }).shutdownGraceMs).toBe(25_000);
    expect(() => loadConfig({ SHUTDOWN_GRACE_MS: '-1' })).toThrow(/SHUTDOWN_GRACE_MS must be a whole number/);
  });

  test('STORAGE_CONTAINER must be a valid Azure container name', () => {
    expect(loadConfig({ STORAGE_CONTAINER: 'bot-state-2' }).storage.container).toBe('bot-state-2');
    expect(() => loadConfig({ STORAGE_CONTAINER: 'Bot_State' })).toThrow(
      'Configuration error: STORAGE_CONTAINER must be 3-63 lower-case letters, digits or single hyphens (got "Bot_State").',
    );
  });

  test('blank values count as unset', () => {
    expect(loadConfig({ PORT: '  ', LOG_LEVEL: '', MicrosoftAppId: ' ' })).toMatchObject({
      mode: 'local',
      port: 3978,
      logLevel: 'info',
    });
  });

  test('BOT_ID and DEFAULT_GROUP_ID must be GUIDs and are lower-cased', () => {
    expect(
      loadConfig({ BOT_ID: APP_ID, DEFAULT_GROUP_ID: '02BD9FD6-8F93-4758-87C3-1FB73740A315' }),
    ).toMatchObject({ botId: APP_ID.toLowerCase(), defaultGroupId: '02bd9fd6-8f93-4758-87c3-1fb73740a315' });
    const error = configError({ DEFAULT_GROUP_ID: 'marketing' });
    expect(error.setting).toBe('DEFAULT_GROUP_ID');
    expect(error.message).toBe(
      'Configuration error: DEFAULT_GROUP_ID must be a GUID such as 5f2e1c3a-0000-0000-0000-000000000000 (got "marketing").',
    );
    expect(configError({ BOT_ID: `${APP_ID}x` }).setting).toBe('BOT_ID');
  });

  test.each([
    'http://127.0.0.1:3980/v1.0',
    'http://127.1.2.3/v1.0',
    'http://localhost:3980/v1.0',
    'http://[::1]:3980/v1.0',
  ])('GRAPH_BASE_URL may be plain http on loopback: %s', (url) => {
    expect(loadConfig({ GRAPH_BASE_URL: url }).graphBaseUrl?.href).toBe(new URL(url).href);
  });

  test.each([
    'http://graph.contoso.com/v1.0',
    'http://10.0.0.5/v1.0',
    'http://127.0.0.1.nip.io/v1.0',
    'http://[::2]/v1.0',
  ])('GRAPH_BASE_URL must not be plain http elsewhere, the user token would leave the machine: %s', (url) => {
    const error = configError({ GRAPH_BASE_URL: url, ConnectionName: 'GraphConnection' });
    expect(error.setting).toBe('GRAPH_BASE_URL');
    expect(error.message).toContain('GRAPH_BASE_URL must use https://');
    expect(error.message).toContain(url);
  });

  test('GRAPH_BASE_URL must be an absolute https URL', () => {
    expect(configError({ GRAPH_BASE_URL: 'graph.microsoft.com/v1.0' }).setting).toBe('GRAPH_BASE_URL');
    expect(configError({ GRAPH_BASE_URL: 'ftp://127.0.0.1/v1.0' }).message).toContain('must use https://');
  });

  test('a real Graph in local mode needs an OAuth connection (sandbox tokens are useless there)', () => {
    expect(configError({ GRAPH_BASE_URL: 'https://graph.microsoft.com/v1.0' }).setting).toBe(
      'ConnectionName',
    );
    expect(
      loadConfig({ GRAPH_BASE_URL: 'https://graph.microsoft.com/v1.0', ConnectionName: 'GraphConnection' }),
    ).toMatchObject({ mode: 'local', connectionName: 'GraphConnection' });
  });

  test.each(['abc', '-1', '65536', '3978.5'])('a bad PORT (%s) stops start-up naming PORT', (port) => {
    const error = configError({ PORT: port });
    expect(error.setting).toBe('PORT');
    expect(error.message).toBe(
      `Configuration error: PORT must be a whole number from 0 to 65535 (got "${port}").`,
    );
  });

  test('PORT 0 (any free port) and 65535 are accepted', () => {
    expect(loadConfig({ PORT: '0' }).port).toBe(0);
    expect(loadConfig({ PORT: '65535' }).port).toBe(65_535);
  });

  test('INVOKE_BUDGET_MS, GRAPH_SANDBOX_PORT and LOG_LEVEL are validated and named', () => {
    expect(
      loadConfig({ INVOKE_BUDGET_MS: '4000', GRAPH_SANDBOX_PORT: '0', LOG_LEVEL: 'debug' }),
    ).toMatchObject({
      invokeBudgetMs: 4_000,
      sandboxPort: 0,
      logLevel: 'debug',
    });
    expect(configError({ INVOKE_BUDGET_MS: '100' }).setting).toBe('INVOKE_BUDGET_MS');
    expect(configError({ GRAPH_SANDBOX_PORT: 'x' }).setting).toBe('GRAPH_SANDBOX_PORT');
    expect(configError({ LOG_LEVEL: 'verbose' }).setting).toBe('LOG_LEVEL');
  });
});

describe('loadConfig in production (MicrosoftAppId set)', () => {
  test('production defaults: listen on all interfaces, the real Graph v1.0, the app id as bot id', () => {
    const config = loadConfig(production);
    expect(config).toMatchObject({
      mode: 'production',
      host: '0.0.0.0',
      port: 3978,
      botId: APP_ID,
      connectionName: 'GraphConnection',
    });
    expect(config.graphBaseUrl?.href).toBe('https://graph.microsoft.com/v1.0');
    expect(config.botFramework).toEqual({
      MicrosoftAppId: APP_ID,
      MicrosoftAppPassword: 'secret~value',
      MicrosoftAppType: 'SingleTenant',
      MicrosoftAppTenantId: TENANT_ID,
    });
    expect(config.tenants).toEqual({ kind: 'listed', ids: new Set([TENANT_ID]) });
  });

  test('MicrosoftAppPassword is required', () => {
    const { MicrosoftAppPassword: _omitted, ...withoutSecret } = production;
    const error = configError(withoutSecret);
    expect(error.setting).toBe('MicrosoftAppPassword');
    expect(error.message).toContain('MicrosoftAppPassword is required');
  });

  test('no secret is needed with a managed identity or a certificate', () => {
    const { MicrosoftAppPassword: _omitted, ...withoutSecret } = production;
    expect(loadConfig({ ...withoutSecret, MicrosoftAppType: 'UserAssignedMSI' }).mode).toBe('production');
    expect(loadConfig({ ...withoutSecret, CertificateThumbprint: 'AB12' }).mode).toBe('production');
  });

  test('ConnectionName is required: Graph is only called with the user’s SSO token', () => {
    const { ConnectionName: _omitted, ...withoutConnection } = production;
    const error = configError(withoutConnection);
    expect(error.setting).toBe('ConnectionName');
    expect(error.message).toContain('ConnectionName is required when MicrosoftAppId is set');
  });

  test.each(['MultiTenant', 'SingleTenant', 'UserAssignedMSI'])(
    'MicrosoftAppType %s is accepted',
    (appType) => {
      expect(loadConfig({ ...production, MicrosoftAppType: appType }).botFramework.MicrosoftAppType).toBe(
        appType,
      );
    },
  );

  test('an unknown MicrosoftAppType is refused, naming the setting and the value', () => {
    const error = configError({ ...production, MicrosoftAppType: 'multitenant' });
    expect(error.setting).toBe('MicrosoftAppType');
    expect(error.message).toBe(
      'Configuration error: MicrosoftAppType must be MultiTenant, SingleTenant or UserAssignedMSI (got "multitenant").',
    );
  });

  test('SingleTenant and UserAssignedMSI need MicrosoftAppTenantId; MultiTenant does not', () => {
    const { MicrosoftAppTenantId: _omitted, ...withoutTenant } = production;
    expect(configError(withoutTenant).setting).toBe('MicrosoftAppTenantId');
    expect(configError({ ...withoutTenant, MicrosoftAppType: 'UserAssignedMSI' }).setting).toBe(
      'MicrosoftAppTenantId',
    );
    expect(
      loadConfig({ ...withoutTenant, MicrosoftAppType: 'MultiTenant', ALLOWED_TENANT_IDS: TENANT_ID }).mode,
    ).toBe('production');
  });

  test('OAuthUrl must be an absolute URL', () => {
    expect(configError({ ...production, OAuthUrl: 'token service' }).setting).toBe('OAuthUrl');
    expect(
      loadConfig({ ...production, OAuthUrl: 'https://europe.token.botframework.com' }).botFramework.OAuthUrl,
    ).toBe('https://europe.token.botframework.com');
  });

  test('settings the bot does not know are not passed to the Bot Framework', () => {
    expect(
      loadConfig({ ...production, PATH: '/usr/bin', ConnectionName: 'c' }).botFramework,
    ).not.toHaveProperty('PATH');
  });
});
