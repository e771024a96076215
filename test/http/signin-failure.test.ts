import { DEMO_TENANT } from '../../sandbox/demo-tenant';
import { mintSandboxToken } from '../../sandbox/tokens';
import { SsoTokenProvider } from '../../src/auth/sso-token-provider';
import { type BotHarness, startBotHarness } from '../support/bot-harness';
import { GROUP_CHAT, invokeActivity, messageActivity, teamsUserId } from '../support/teams-activities';
import { startTokenService, type TokenService } from '../support/token-service';

/**
 * Teams sends `signin/failure` `{code, message}` when its silent SSO for our OAuthCard fails in the client
 * (https://learn.microsoft.com/en-us/microsoftteams/platform/teams-sdk/teams/user-authentication/troubleshooting-sso).
 */

const CONNECTION = 'GraphConnection';
const ALEX = teamsUserId(DEMO_TENANT.users.alex);

let tokenService: TokenService;
let bot: BotHarness;

beforeAll(async () => {
  tokenService = await startTokenService();
  bot = await startBotHarness({
    env: { ConnectionName: CONNECTION, OAuthUrl: tokenService.url },
    tokens: () => new SsoTokenProvider(CONNECTION),
  });
});
afterAll(async () => {
  await bot?.close();
  await tokenService?.close();
});
beforeEach(() => {
  bot.reset();
  tokenService.reset();
});

const signInFailure = (code: string, message: string, scope = GROUP_CHAT) =>
  invokeActivity(bot.connector.serviceUrl, 'signin/failure', { code, message }, scope);

type Sent = (typeof bot.connector.sent)[number];
const oauthCardOf = (sent: Sent | undefined) =>
  sent?.activity.attachments?.find((a) => a.contentType === 'application/vnd.microsoft.card.oauth')
    ?.content as Record<string, unknown> | undefined;

function warnings(): Array<Record<string, unknown>> {
  return bot.logLines
    .map((line) => JSON.parse(line) as Record<string, unknown>)
    .filter((entry) => entry.level === 'warn');
}

describe('signin/failure', () => {
  test('resourcematchfailed: 200, a sign-in button without SSO, and words for the admin', async () => {
    const response = await bot.post(signInFailure('resourcematchfailed', 'Resource match failed'));

    expect(response.status).toBe(200);
    expect(bot.connector.sent).toHaveLength(1);
    const [sent] = bot.connector.sent;
    expect(sent.activity.text).toContain('couldn’t sign you in automatically');
    expect(sent.activity.text).toContain('tell your Teams admin');
    expect(sent.activity.text).toContain('Application ID URI');
    const card = oauthCardOf(sent);
    expect(card).toMatchObject({
      connectionName: CONNECTION,
      buttons: [{ type: 'signin', value: tokenService.signInLink(0) }],
    });
    // The silent SSO is what failed: this card must go through the browser sign-in instead.
    expect(card).not.toHaveProperty('tokenExchangeResource');
  });

  test('one warning line carries the code and Teams’ description, for the operator', async () => {
    await bot.post(signInFailure('resourcematchfailed', 'Resource match failed'));

    expect(warnings()).toEqual([
      expect.objectContaining({
        event: 'signin.sso_failed',
        code: 'resourcematchfailed',
        detail: 'Resource match failed',
        conversationType: 'groupChat',
      }),
    ]);
  });

  test('another code gets the sign-in button without the admin note', async () => {
    const response = await bot.post(signInFailure('installedappnotfound', 'App not installed'));

    expect(response.status).toBe(200);
    const [sent] = bot.connector.sent;
    expect(sent.activity.text).toContain('Select Sign in');
    expect(sent.activity.text).not.toContain('admin');
    expect(oauthCardOf(sent)?.buttons).toEqual([expect.objectContaining({ type: 'signin' })]);
  });

  test('a failure without a code is still answered 200 and logged as unknown', async () => {
    const response = await bot.post(
      invokeActivity(bot.connector.serviceUrl, 'signin/failure', {}, GROUP_CHAT),
    );

    expect(response.status).toBe(200);
    expect(warnings()).toEqual([expect.objectContaining({ event: 'signin.sso_failed', code: 'unknown' })]);
  });

  test('the button is a way forward: after signing in with the magic code the form has the topic', async () => {
    await bot.post(messageActivity(bot.connector.serviceUrl, 'Budget review', GROUP_CHAT));
    await bot.post(signInFailure('resourcematchfailed', 'Resource match failed'));
    const code = tokenService.issueMagicCode(
      ALEX,
      CONNECTION,
      mintSandboxToken({ oid: DEMO_TENANT.users.alex.id }),
    );
    bot.connector.reset();

    const response = await bot.post(
      invokeActivity(bot.connector.serviceUrl, 'signin/verifyState', { state: code }, GROUP_CHAT),
    );

    expect(response.status).toBe(200);
    const card = bot.connector.sent[0]?.activity.attachments?.[0];
    expect(card?.contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(JSON.stringify(card?.content)).toContain('"value":"Budget review"');
  });

  test('an invoke the app does not serve is refused with 400 and a message, not an empty 501', async () => {
    const response = await bot.post(invokeActivity(bot.connector.serviceUrl, 'signin/somethingElse', {}));

    expect(response).toEqual({
      status: 400,
      body: {
        error: { code: 'UnsupportedInvoke', message: 'This app does not handle this kind of request.' },
      },
    });
  });
});
