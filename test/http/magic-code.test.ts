import { DEMO_TENANT } from '../../sandbox/demo-tenant';
import { mintSandboxToken } from '../../sandbox/tokens';
import { SSO_CONNECTION, useSsoBot } from '../support/sso-bot';
import {
  cardActionActivity,
  formSubmitData,
  invokeActivity,
  messageActivity,
  teamsUserId,
} from '../support/teams-activities';

/**
 * A magic code is what the token service's sign-in page shows after a browser sign-in; Teams sends it back
 * in `value.state`. These specify what happens when the token service does not accept it.
 */

const CONNECTION = SSO_CONNECTION;
const ALEX = teamsUserId(DEMO_TENANT.users.alex);
const WRONG_CODE = '000000';

const sso = useSsoBot({ INVOKE_BUDGET_MS: '4000' });

const graphToken = (): string => mintSandboxToken({ oid: DEMO_TENANT.users.alex.id });

function draftData(): Record<string, unknown> {
  return formSubmitData({ topic: 'Signed-in topic', body: 'Body that must survive sign-in' });
}

function createWithCode(code: string) {
  const action = cardActionActivity(sso.bot.connector.serviceUrl, 'createConversation', draftData());
  (action.value as Record<string, unknown>).state = code;
  return action;
}

describe('Universal Actions (adaptiveCard/action) resent with a magic code in value.state', () => {
  // https://learn.microsoft.com/en-us/microsoftteams/platform/task-modules-and-cards/cards/universal-actions-for-adaptive-cards/authentication-flow-in-universal-action-for-adaptive-cards
  test('a code the token service refuses is answered 401 invalidAuthCode, exactly as the doc shows', async () => {
    sso.tokenService.issueMagicCode(ALEX, CONNECTION, graphToken());

    const response = await sso.bot.post(createWithCode(WRONG_CODE));

    expect(response.body).toEqual({
      statusCode: 401,
      type: 'application/vnd.microsoft.error.invalidAuthCode',
    });
    expect(sso.bot.sandbox.requests).toHaveLength(0);
  });

  test('a refused code is not covered up by a token cached earlier: nothing is posted', async () => {
    sso.tokenService.grantToken(ALEX, CONNECTION, graphToken());

    const response = await sso.bot.post(createWithCode(WRONG_CODE));

    expect(response.body).toMatchObject({
      statusCode: 401,
      type: 'application/vnd.microsoft.error.invalidAuthCode',
    });
    expect(sso.bot.sandbox.conversations()).toHaveLength(0);
  });

  test('the right code resent afterwards signs the user in and posts the draft', async () => {
    const code = sso.tokenService.issueMagicCode(ALEX, CONNECTION, graphToken());
    await sso.bot.post(createWithCode(WRONG_CODE));

    const response = await sso.bot.post(createWithCode(code));

    expect(JSON.stringify(response.body)).toContain('Conversation started');
    expect(sso.bot.sandbox.conversations(DEMO_TENANT.groups.falcon.id)).toHaveLength(1);
  });
});

describe('message extension resent with a magic code in value.state', () => {
  // The message-extension auth doc defines no answer for a wrong code: the invoke carries on without it.
  // https://learn.microsoft.com/en-us/microsoftteams/platform/messaging-extensions/how-to/add-authentication
  const fetchTaskWithCode = (code: string) =>
    sso.bot.post(
      invokeActivity(sso.bot.connector.serviceUrl, 'composeExtension/fetchTask', {
        commandId: 'startGroupConversation',
        commandContext: 'compose',
        state: code,
      }),
    );

  test('without a token a refused code gets the sign-in link again', async () => {
    const response = await fetchTaskWithCode(WRONG_CODE);

    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ composeExtension: { type: 'auth' } });
  });

  test('with a cached token a refused code does not stop the dialog from opening', async () => {
    sso.tokenService.grantToken(ALEX, CONNECTION, graphToken());

    const response = await fetchTaskWithCode(WRONG_CODE);

    expect(response.body).toMatchObject({ task: { type: 'continue' } });
  });
});

describe('chat sign-in (signin/verifyState) with a code the token service refuses', () => {
  test('is acknowledged, says so in the chat, and keeps the topic for the next sign-in', async () => {
    await sso.bot.post(messageActivity(sso.bot.connector.serviceUrl, 'Budget review'));
    sso.bot.connector.reset();

    const response = await sso.bot.post(
      invokeActivity(sso.bot.connector.serviceUrl, 'signin/verifyState', { state: WRONG_CODE }),
    );

    expect(response.status).toBe(200);
    expect(sso.bot.connector.sent.map((sent) => sent.activity.text)).toEqual([
      'That sign-in did not complete. Send me a message to try again.',
    ]);

    const code = sso.tokenService.issueMagicCode(ALEX, CONNECTION, graphToken());
    sso.bot.connector.reset();
    await sso.bot.post(invokeActivity(sso.bot.connector.serviceUrl, 'signin/verifyState', { state: code }));

    expect(JSON.stringify(sso.bot.connector.sent[0]?.activity.attachments?.[0]?.content)).toContain(
      '"value":"Budget review"',
    );
  });
});
