import { type Activity, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import {
  ClaimsIdentity,
  MicrosoftAppCredentials,
  PasswordServiceClientCredentialFactory,
  TokenApiClient,
  type UserTokenClient,
} from 'botframework-connector';
// @internal in botframework-connector, but it is the exact class CloudAdapter puts in turnState.
import { UserTokenClientImpl } from 'botframework-connector/lib/auth/userTokenClientImpl';
import { startTokenService, type TokenService, tokenFingerprint } from './token-service';

const CONNECTION = 'GraphConnection';
const BOT_ID = '11111111-2222-3333-4444-555555555555';
const USER_ID = '29:1a2b3c-teams-user';
const AAD_OBJECT_ID = '6f1c2d3e-0000-4000-8000-000000000abc';

function teamsMessage(): Activity {
  return {
    type: 'message',
    id: '1700000000000',
    channelId: 'msteams',
    serviceUrl: 'https://smba.trafficmanager.net/emea/',
    conversation: {
      id: 'a:1personal-chat-id',
      conversationType: 'personal',
      tenantId: 'tenant-1',
      isGroup: false,
      name: '',
    },
    from: { id: USER_ID, name: 'Megan Bowen', aadObjectId: AAD_OBJECT_ID },
    recipient: { id: `28:${BOT_ID}`, name: 'Group Conversations' },
    text: 'start a conversation',
    locale: 'en-US',
  } as Activity;
}

describe('token service stand-in driven by botframework-connector', () => {
  let service: TokenService;
  let client: UserTokenClient;

  beforeAll(async () => {
    service = await startTokenService();
    // A factory without MicrosoftAppId is the anonymous configuration: it hands back
    // MicrosoftAppCredentials.Empty, which never fetches an AAD token, so no network is needed.
    const credentials = await new PasswordServiceClientCredentialFactory('', '').createCredentials(
      BOT_ID,
      'https://api.botframework.com',
      'https://login.microsoftonline.com/botframework.com',
      true,
    );
    expect(credentials).toBe(MicrosoftAppCredentials.Empty);
    client = new UserTokenClientImpl(BOT_ID, credentials, service.url);
  });

  afterEach(() => service.reset());
  afterAll(() => service.close());

  it('GetToken answers 404 without a token; the client returns that body, so callers must check .token', async () => {
    const result = await client.getUserToken(USER_ID, CONNECTION, 'msteams', '');
    expect(result?.token).toBeUndefined();
    expect(service.requests).toEqual([
      {
        method: 'GET',
        path: '/api/usertoken/GetToken',
        query: { userId: USER_ID, connectionName: CONNECTION, channelId: 'msteams', code: '' },
        body: undefined,
        status: 404,
      },
    ]);
  });

  it('GetToken answers a granted token and stops after revoke', async () => {
    service.grantToken(USER_ID, CONNECTION, 'graph-access-token', 600);
    const result = await client.getUserToken(USER_ID, CONNECTION, 'msteams', '');
    expect(result).toEqual(
      expect.objectContaining({ token: 'graph-access-token', connectionName: CONNECTION }),
    );
    expect(result.channelId).toBe('msteams');
    expect(Date.parse(result.expiration ?? '')).toBeGreaterThan(Date.now() + 500_000);

    service.revoke(USER_ID, CONNECTION);
    expect((await client.getUserToken(USER_ID, CONNECTION, 'msteams', '')).token).toBeUndefined();
  });

  it('expired tokens are not answered', async () => {
    service.grantToken(USER_ID, CONNECTION, 'stale', 0);
    expect((await client.getUserToken(USER_ID, CONNECTION, 'msteams', '')).token).toBeUndefined();
  });

  it('magic code: the issued code yields the token and caches it; a wrong code is a 404', async () => {
    const code = service.issueMagicCode(USER_ID, CONNECTION, 'from-magic-code');
    expect(code).toMatch(/^\d{6}$/);

    expect((await client.getUserToken(USER_ID, CONNECTION, 'msteams', '000000')).token).toBeUndefined();
    expect((await client.getUserToken(USER_ID, CONNECTION, 'msteams', code)).token).toBe('from-magic-code');
    expect((await client.getUserToken(USER_ID, CONNECTION, 'msteams', '')).token).toBe('from-magic-code');
    expect(service.requests.map((r) => [r.query.code, r.status])).toEqual([
      ['000000', 404],
      [code, 200],
      ['', 200],
    ]);
  });

  it('GetSignInResource decodes the TokenExchangeState and builds api://botid-<msAppId>', async () => {
    const activity = teamsMessage();
    const resource = await client.getSignInResource(CONNECTION, activity, 'https://example.test/done');

    const link = resource.signInLink ?? '';
    expect(link).toBe(service.signInLink());
    expect(link.startsWith(`${service.url}/signin?state=`)).toBe(true);
    expect(resource.tokenExchangeResource).toEqual({
      id: expect.any(String),
      uri: `api://botid-${BOT_ID}`,
      providerId: expect.any(String),
    });
    // Not in this connector's mappers, but the deserializer keeps unknown properties, as the real service sends it.
    expect(resource.tokenPostResource?.sasUrl).toEqual(expect.stringContaining(service.url));

    expect(service.signInStates).toHaveLength(1);
    expect(service.signInStates[0]).toEqual(
      expect.objectContaining({
        connectionName: CONNECTION,
        msAppId: BOT_ID,
        conversation: expect.objectContaining({
          channelId: 'msteams',
          serviceUrl: activity.serviceUrl,
          conversation: expect.objectContaining({ id: activity.conversation.id }),
          user: expect.objectContaining({ id: USER_ID, aadObjectId: AAD_OBJECT_ID }),
          bot: expect.objectContaining({ id: `28:${BOT_ID}` }),
        }),
      }),
    );
    const [request] = service.requests;
    expect(request.method).toBe('GET');
    expect(request.path).toBe('/api/botsignin/GetSignInResource');
    expect(request.query.finalRedirect).toBe('https://example.test/done');
    expect(typeof request.query.state).toBe('string');

    // The link must be reachable so a test that "clicks" it does not trip over a 404.
    expect((await fetch(link)).status).toBe(200);
  });

  it('GetSignInUrl answers the link as plain text', async () => {
    const api = new TokenApiClient(MicrosoftAppCredentials.Empty, { baseUri: service.url });
    const state = Buffer.from(JSON.stringify({ connectionName: CONNECTION, msAppId: BOT_ID })).toString(
      'base64',
    );
    const result = await api.botSignIn.getSignInUrl(state);
    expect(result._response.status).toBe(200);
    expect(result._response.bodyAsText).toBe(service.signInLink());
  });

  it('exchange: an allowed SSO token yields a TokenResponse and caches it for that user', async () => {
    service.allowExchange('teams-sso-token', { token: 'graph-obo-token' });
    const result = await client.exchangeToken(USER_ID, CONNECTION, 'msteams', {
      token: 'teams-sso-token',
      uri: `api://botid-${BOT_ID}`,
    });
    expect(result).toEqual(expect.objectContaining({ token: 'graph-obo-token', connectionName: CONNECTION }));
    expect((await client.getUserToken(USER_ID, CONNECTION, 'msteams', '')).token).toBe('graph-obo-token');

    expect(service.count('/api/usertoken/exchange')).toBe(1);
    const [request] = service.requests;
    expect(request).toEqual({
      method: 'POST',
      path: '/api/usertoken/exchange',
      query: { userId: USER_ID, connectionName: CONNECTION, channelId: 'msteams' },
      body: { token: tokenFingerprint('teams-sso-token'), uri: `api://botid-${BOT_ID}` },
      status: 200,
    });
    // Recorded requests may surface in failure output, so raw tokens must not be in them.
    expect(JSON.stringify(service.requests)).not.toContain('teams-sso-token');
  });

  it('exchange failure (400, a declared status) comes back as an ErrorResponse body without a token', async () => {
    service.failExchange('needs-consent');
    const result = await client.exchangeToken(USER_ID, CONNECTION, 'msteams', { token: 'needs-consent' });
    expect(result.token).toBeUndefined();
    expect(result).toEqual({ error: { code: 'ServiceError', message: expect.any(String) } });
    expect(service.requests[0].status).toBe(400);
  });

  it('exchange of an unknown SSO token fails like a consent error', async () => {
    const result = await client.exchangeToken(USER_ID, CONNECTION, 'msteams', { token: 'never-registered' });
    expect(result.token).toBeUndefined();
  });

  // 5xx would work too, but the client's retry policy retries it for ~6 s.
  it('exchange failure with an undeclared status (403) makes the client throw', async () => {
    service.failExchange('boom', 403);
    await expect(client.exchangeToken(USER_ID, CONNECTION, 'msteams', { token: 'boom' })).rejects.toThrow();
  });

  it('SignOut removes the token; GetTokenStatus reports connections', async () => {
    service.grantToken(USER_ID, CONNECTION, 'graph-access-token');
    service.grantToken(USER_ID, 'OtherConnection', 'other-token');

    const statuses = await client.getTokenStatus(USER_ID, 'msteams', '');
    expect(statuses).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ connectionName: CONNECTION, hasToken: true, channelId: 'msteams' }),
        expect.objectContaining({ connectionName: 'OtherConnection', hasToken: true }),
      ]),
    );
    expect(await client.getTokenStatus(USER_ID, 'msteams', 'OtherConnection')).toEqual([
      expect.objectContaining({ connectionName: 'OtherConnection' }),
    ]);

    await client.signOutUser(USER_ID, CONNECTION, 'msteams');
    expect((await client.getUserToken(USER_ID, CONNECTION, 'msteams', '')).token).toBeUndefined();
    expect((await client.getUserToken(USER_ID, 'OtherConnection', 'msteams', '')).token).toBe('other-token');

    const signOut = service.requests.find((r) => r.method === 'DELETE');
    expect(signOut).toEqual(
      expect.objectContaining({
        path: '/api/usertoken/SignOut',
        query: { userId: USER_ID, connectionName: CONNECTION, channelId: 'msteams' },
        status: 200,
      }),
    );
    expect(service.count('GetTokenStatus')).toBe(2);
  });

  it('GetAadTokens answers a map of resource url to TokenResponse', async () => {
    service.grantToken(USER_ID, CONNECTION, 'graph-access-token');
    const result = await client.getAadTokens(USER_ID, CONNECTION, ['https://graph.microsoft.com'], 'msteams');
    expect(result['https://graph.microsoft.com']).toEqual(
      expect.objectContaining({ token: 'graph-access-token' }),
    );
  });

  describe('through ConfigurationBotFrameworkAuthentication (how CloudAdapter builds the client)', () => {
    const auth = (): ConfigurationBotFrameworkAuthentication =>
      // No MicrosoftAppId: anonymous mode, the way the local test bot runs.
      new ConfigurationBotFrameworkAuthentication({ OAuthUrl: service.url });

    it('OAuthUrl routes the user token client to the stand-in', async () => {
      const anonymous = new ClaimsIdentity([], 'anonymous');
      const userTokenClient = await auth().createUserTokenClient(anonymous);
      service.grantToken(USER_ID, CONNECTION, 'via-config');
      expect((await userTokenClient.getUserToken(USER_ID, CONNECTION, 'msteams', '')).token).toBe(
        'via-config',
      );
    });

    it('anonymous claims carry no app id, so getSignInResource throws before any request', async () => {
      const anonymous = new ClaimsIdentity([], 'anonymous');
      const userTokenClient = await auth().createUserTokenClient(anonymous);
      await expect(userTokenClient.getSignInResource(CONNECTION, teamsMessage(), '')).rejects.toMatchObject({
        name: 'ZodError',
        issues: [expect.objectContaining({ path: ['appId'], message: 'Required' })],
      });
      expect(service.count('GetSignInResource')).toBe(0);
    });

    it('a configured bot id supplied as the aud claim makes getSignInResource work in anonymous mode', async () => {
      const withBotId = new ClaimsIdentity([{ type: 'aud', value: BOT_ID }], 'anonymous');
      const userTokenClient = await auth().createUserTokenClient(withBotId);
      const resource = await userTokenClient.getSignInResource(CONNECTION, teamsMessage(), '');
      expect(resource.tokenExchangeResource?.uri).toBe(`api://botid-${BOT_ID}`);
      expect(service.signInStates[0]).toEqual(expect.objectContaining({ msAppId: BOT_ID }));
    });
  });

  it('an empty appId passes validation and the service falls back to its default app id', async () => {
    const anonymousClient = new UserTokenClientImpl('', MicrosoftAppCredentials.Empty, service.url);
    const resource = await anonymousClient.getSignInResource(CONNECTION, teamsMessage(), '');
    expect(service.signInStates[0]).toEqual(expect.objectContaining({ msAppId: '' }));
    expect(resource.tokenExchangeResource?.uri).toBe('api://botid-00000000-0000-0000-0000-000000000000');
  });
});
