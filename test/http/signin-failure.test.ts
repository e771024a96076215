import { DEMO_TENANT } from '../../sandbox/demo-tenant';
import { mintSandboxToken } from '../../sandbox/tokens';
import { SSO_CONNECTION, useSsoBot } from '../support/sso-bot';
import { GROUP_CHAT, invokeActivity, messageActivity, teamsUserId } from '../support/teams-activities';

/**
 * Teams sends `signin/failure` `{code, message}` when its silent SSO for our OAuthCard fails in the client
 * (https://learn.microsoft.com/en-us/microsoftteams/platform/teams-sdk/teams/user-authentication/troubleshooting-sso).
 */

const CONNECTION = SSO_CONNECTION;
const ALEX = teamsUserId(DEMO_TENANT.users.alex);

const sso = useSsoBot();

const signInFailure = (code: string, message: string, scope = GROUP_CHAT) =>
  invokeActivity(sso.bot.connector.serviceUrl, 'signin/failure', { code, message }, scope);

type Sent = (typeof sso.bot.connector.sent)[number];
const oauthCardOf = (sent: Sent | undefined) =>
  sent?.activity.attachments?.find((a) => a.contentType === 'application/vnd.microsoft.card.oauth')
    ?.content as Record<string, unknown> | undefined;

function warnings(): Array<Record<string, unknown>> {
  return sso.bot.logLines
    .map((line) => JSON.parse(line) as Record<string, unknown>)
    .filter((entry) => entry.level === 'warn');
}

describe('signin/failure', () => {
  test('resourcematchfailed: 200, a sign-in button without SSO, and words for the admin', async () => {
    const response = await sso.bot.post(signInFailure('resourcematchfailed', 'Resource match failed'));

    expect(response.status).toBe(200);
    expect(sso.bot.connector.sent).toHaveLength(1);
    const [sent] = sso.bot.connector.sent;
    expect(sent.activity.text).toContain('couldn’t sign you in automatically');
    expect(sent.activity.text).toContain('tell your Teams admin');
    expect(sent.activity.text).toContain('Application ID URI');
    const card = oauthCardOf(sent);
    expect(card).toMatchObject({
      connectionName: CONNECTION,
      buttons: [{ type: 'signin', value: sso.tokenService.signInLink(0) }],
    });
    // The silent SSO is what failed: this card must go through the browser sign-in instead.
    expect(card).not.toHaveProperty('tokenExchangeResource');
  });

  test('one warning line carries the code and Teams’ description, for the operator', async () => {
    await sso.bot.post(signInFailure('resourcematchfailed', 'Resource match failed'));

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
    const response = await sso.bot.post(signInFailure('installedappnotfound', 'App not installed'));

    expect(response.status).toBe(200);
    const [sent] = sso.bot.connector.sent;
    expect(sent.activity.text).toContain('Select Sign in');
    expect(sent.activity.text).not.toContain('admin');
    expect(oauthCardOf(sent)?.buttons).toEqual([expect.objectContaining({ type: 'signin' })]);
  });

  test('a failure without a code is still answered 200 and logged as unknown', async () => {
    const response = await sso.bot.post(
      invokeActivity(sso.bot.connector.serviceUrl, 'signin/failure', {}, GROUP_CHAT),
    );

    expect(response.status).toBe(200);
    expect(warnings()).toEqual([expect.objectContaining({ event: 'signin.sso_failed', code: 'unknown' })]);
  });

  test('the button is a way forward: after signing in with the magic code the form has the topic', async () => {
    await sso.bot.post(messageActivity(sso.bot.connector.serviceUrl, 'Budget review', GROUP_CHAT));
    await sso.bot.post(signInFailure('resourcematchfailed', 'Resource match failed'));
    const code = sso.tokenService.issueMagicCode(
      ALEX,
      CONNECTION,
      mintSandboxToken({ oid: DEMO_TENANT.users.alex.id }),
    );
    sso.bot.connector.reset();

    const response = await sso.bot.post(
      invokeActivity(sso.bot.connector.serviceUrl, 'signin/verifyState', { state: code }, GROUP_CHAT),
    );

    expect(response.status).toBe(200);
    const card = sso.bot.connector.sent[0]?.activity.attachments?.[0];
    expect(card?.contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(JSON.stringify(card?.content)).toContain('"value":"Budget review"');
  });

  test('an invoke the app does not serve is refused with 400 and a message, not an empty 501', async () => {
    const response = await sso.bot.post(
      invokeActivity(sso.bot.connector.serviceUrl, 'signin/somethingElse', {}),
    );

    expect(response).toEqual({
      status: 400,
      body: {
        error: { code: 'UnsupportedInvoke', message: 'This app does not handle this kind of request.' },
      },
    });
  });
});
