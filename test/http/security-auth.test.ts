import { randomUUID } from 'node:crypto';
import { DEMO_TENANT } from '../../sandbox/demo-tenant';
import { type BotHarness, startBotHarness } from '../support/bot-harness';
import { type OpenIdServer, startOpenIdServer } from '../support/openid-server';
import { postActivity } from '../support/raw-http';
import { cardActionActivity, type TeamsActivity } from '../support/teams-activities';
import { Teardown } from '../support/teardown';

/**
 * Production mode: botbuilder's real JWT validation (ConfigurationBotFrameworkAuthentication) against a
 * local OpenID metadata and key server. A valid Bot Connector token gets a turn; every forged or broken one
 * is a quiet 401: no turn, no Graph call, no reply, no stack trace.
 */

const APP_ID = '5f2e1c3a-7b6d-4e8f-9a0b-1c2d3e4f5a6b';
const { groups } = DEMO_TENANT;

let openId: OpenIdServer;
let bot: BotHarness;
let consoleError: jest.SpyInstance;
const teardown = new Teardown();

beforeAll(async () => {
  // Spied before the bot starts: botbuilder's own console.error calls land here unless silenced.
  consoleError = jest.spyOn(console, 'error').mockImplementation(() => undefined);
  openId = teardown.add(await startOpenIdServer(APP_ID), (server) => server.close());
  bot = teardown.add(
    await startBotHarness({
      env: {
        MicrosoftAppId: APP_ID,
        MicrosoftAppPassword: 'test-only-secret',
        MicrosoftAppType: 'SingleTenant',
        MicrosoftAppTenantId: DEMO_TENANT.tenantId,
        ConnectionName: 'GraphConnection',
        ToBotFromChannelOpenIdMetadataUrl: openId.channelMetadataUrl,
        ToBotFromEmulatorOpenIdMetadataUrl: openId.emulatorMetadataUrl,
        ToBotFromChannelTokenIssuer: 'https://api.botframework.com',
        // Nothing in these tests calls out; a dead loopback port makes sure nothing could leave the machine.
        OAuthUrl: 'http://127.0.0.1:9',
        ToChannelFromBotLoginUrl: 'http://127.0.0.1:9/botframework.com',
        ToChannelFromBotOAuthScope: 'https://api.botframework.com',
        INVOKE_BUDGET_MS: '4000',
      },
    }),
    (harness) => harness.close(),
  );
});
afterAll(async () => {
  consoleError.mockRestore();
  await teardown.run();
});
beforeEach(() => {
  bot.reset();
  consoleError.mockClear();
});

/** A form submit as Teams sends it: posts a conversation when (and only when) it gets a turn. */
function submit(): TeamsActivity {
  return cardActionActivity(bot.connector.serviceUrl, 'createConversation', {
    draftId: randomUUID(),
    linkedGroupId: '',
    groupChoices: [{ id: groups.falcon.id, displayName: groups.falcon.displayName }],
    groupId: groups.falcon.id,
    topic: 'Signed by the Bot Connector',
    body: 'Only a valid token gets this far.',
    participants: '',
    emails: '',
  });
}

function nothingProcessed(): void {
  expect(bot.sandbox.requests).toEqual([]);
  expect(bot.connector.sent).toEqual([]);
  const events = bot.logLines.map((line) => (JSON.parse(line) as { event: string }).event);
  expect(events).toEqual(['auth.rejected']);
  expect(consoleError).not.toHaveBeenCalled();
}

test('a token signed by the Bot Connector’s key, for this app and this serviceUrl, gets a turn', async () => {
  const response = await postActivity(bot.app.url, submit(), openId.channelToken(bot.connector.serviceUrl));

  expect(response.status).toBe(200);
  expect(response.text).toContain('Conversation started');
  expect(bot.sandbox.conversations(groups.falcon.id)).toHaveLength(1);
  expect(openId.requests).toEqual(expect.arrayContaining(['/v1/.well-known/openidconfiguration', '/keys']));
});

const now = () => Math.floor(Date.now() / 1000);

test.each<[string, (serviceUrl: string) => string | undefined]>([
  ['no token', () => undefined],
  [
    'an expired token (past the 5 minutes of clock skew)',
    (url) => openId.channelToken(url, { claims: { exp: now() - 600, nbf: now() - 4000 } }),
  ],
  ['a token not valid yet', (url) => openId.channelToken(url, { claims: { nbf: now() + 900 } })],
  [
    'another app’s token (wrong audience)',
    (url) => openId.channelToken(url, { claims: { aud: '00000000-1111-2222-3333-444444444444' } }),
  ],
  [
    'a token from another issuer',
    (url) => openId.channelToken(url, { claims: { iss: 'https://evil.example' } }),
  ],
  [
    'a token signed by an unknown key under a known key id',
    (url) => openId.channelToken(url, { signWithUnknownKey: true }),
  ],
  [
    'a token signed by an unknown key with its own key id',
    (url) => openId.channelToken(url, { signWithUnknownKey: true, header: { kid: 'attacker-key' } }),
  ],
  [
    'an unsigned token (alg: none)',
    (url) => {
      const [header, payload] = openId.channelToken(url).split('.');
      const none = Buffer.from(
        JSON.stringify({ ...JSON.parse(Buffer.from(header, 'base64url').toString()), alg: 'none' }),
      );
      return `${none.toString('base64url')}.${payload}.`;
    },
  ],
  ['alg: none with a signature part', (url) => openId.channelToken(url, { header: { alg: 'none' } })],
  [
    'HS256 signed with the public key as the secret',
    (url) => openId.channelToken(url, { hmacWithPublicKey: true }),
  ],
  ['a token for another serviceUrl', () => openId.channelToken('https://smba.evil.example/amer/')],
  ['a token that is not a JWT', () => 'not-a-jwt'],
])('%s: 401, quietly, and nothing is processed', async (_name, token) => {
  const response = await postActivity(bot.app.url, submit(), token(bot.connector.serviceUrl));

  expect(response.status).toBe(401);
  expect(response.json()).toEqual({ error: { code: 'Unauthorized' } });
  expect(response.text).not.toMatch(/ at |Error/);
  nothingProcessed();
});

test('only botbuilder’s own JWT messages are dropped: any other console.error still gets through', async () => {
  const forged = openId.channelToken(bot.connector.serviceUrl, { signWithUnknownKey: true });
  const [response] = await Promise.all([
    postActivity(bot.app.url, submit(), forged),
    // Written while the rejection is under way: nothing silences a whole request any more.
    Promise.resolve().then(() => console.error('unrelated failure')),
  ]);

  expect(response.status).toBe(401);
  expect(consoleError.mock.calls).toEqual([['unrelated failure']]);
});

test('a Basic or empty Authorization header is refused before any key work', async () => {
  const requestsBefore = openId.requests.length;
  for (const header of ['Basic dXNlcjpwYXNz', 'Bearer', 'Bearer a.b']) {
    const response = await fetch(`${bot.app.url}/api/messages`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: header },
      body: JSON.stringify(submit()),
    });
    expect(response.status).toBe(401);
  }
  expect(openId.requests.length).toBe(requestsBefore);
  expect(bot.sandbox.requests).toEqual([]);
});

test('a valid token from a tenant the bot does not serve: 403 before the token is even looked at', async () => {
  const requestsBefore = openId.requests.length;
  const activity = submit();
  const foreign = '72f988bf-86f1-41af-91ab-2d7cd011db47';
  activity.channelData = { tenant: { id: foreign } };
  activity.conversation = { ...(activity.conversation as object), tenantId: foreign };

  const response = await postActivity(bot.app.url, activity, openId.channelToken(bot.connector.serviceUrl));

  expect(response.status).toBe(403);
  expect(openId.requests.length).toBe(requestsBefore);
  expect(bot.sandbox.requests).toEqual([]);
  expect(bot.logLines.map((line) => JSON.parse(line))).toEqual([
    expect.objectContaining({ event: 'tenant.refused', tenantId: foreign, reason: 'notListed' }),
  ]);
});
