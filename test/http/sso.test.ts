import { randomUUID } from 'node:crypto';
import { DEMO_TENANT } from '../../sandbox/demo-tenant';
import type { FaultSpec } from '../../sandbox/graph-sandbox';
import { mintSandboxToken } from '../../sandbox/tokens';
import { LOCAL_BOT_ID } from '../../src/server/config';
import { SSO_CONNECTION, useSsoBot } from '../support/sso-bot';
import {
  cardActionActivity,
  formSubmitData,
  GROUP_CHAT,
  invokeActivity,
  messageActivity,
  teamsUserId,
} from '../support/teams-activities';

const CONNECTION = SSO_CONNECTION;
const ALEX = teamsUserId(DEMO_TENANT.users.alex);
const { groups } = DEMO_TENANT;

const sso = useSsoBot({ INVOKE_BUDGET_MS: '4000' });

const graphToken = (): string => mintSandboxToken({ oid: DEMO_TENANT.users.alex.id });

function sentCards(): Array<{ contentType: string; content: Record<string, unknown> }> {
  return sso.bot.connector.sent.flatMap(
    (s) => (s.activity.attachments ?? []) as Array<{ contentType: string; content: Record<string, unknown> }>,
  );
}

function draftData(): Record<string, unknown> {
  return formSubmitData({ topic: 'Signed-in topic', body: 'Body that must survive sign-in' });
}

describe('chat entry', () => {
  test('with a cached token the form appears straight away', async () => {
    sso.tokenService.grantToken(ALEX, CONNECTION, graphToken());

    await sso.bot.post(messageActivity(sso.bot.connector.serviceUrl, 'Hello'));

    expect(sentCards().map((card) => card.contentType)).toEqual(['application/vnd.microsoft.card.adaptive']);
  });

  test.each([
    ['personal chat', undefined],
    ['a group chat', GROUP_CHAT],
  ])(
    'without a token in %s the bot sends an OAuthCard for Teams SSO, built with the bot id',
    async (_, scope) => {
      await sso.bot.post(messageActivity(sso.bot.connector.serviceUrl, 'Hello', scope));

      const [card] = sentCards();
      expect(card.contentType).toBe('application/vnd.microsoft.card.oauth');
      expect(card.content).toMatchObject({
        connectionName: CONNECTION,
        tokenExchangeResource: { uri: `api://botid-${LOCAL_BOT_ID}` },
        buttons: [{ type: 'signin', value: sso.tokenService.signInLink(0) }],
      });
      expect(sso.tokenService.signInStates[0]).toMatchObject({
        connectionName: CONNECTION,
        msAppId: LOCAL_BOT_ID,
      });
    },
  );

  test('a successful signin/tokenExchange resumes: the form appears with the topic the user typed', async () => {
    await sso.bot.post(messageActivity(sso.bot.connector.serviceUrl, 'Budget review'));
    sso.tokenService.allowExchange('teams-sso-token', { token: graphToken() });
    sso.bot.connector.reset();

    const response = await sso.bot.post(
      invokeActivity(sso.bot.connector.serviceUrl, 'signin/tokenExchange', {
        id: 'exchange-1',
        connectionName: CONNECTION,
        token: 'teams-sso-token',
      }),
    );

    expect(response.status).toBe(200);
    const [card] = sentCards();
    expect(card.contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(JSON.stringify(card.content)).toContain('"value":"Budget review"');
  });

  test('a failed exchange answers 412 with {id, connectionName, failureDetail} so Teams shows the button', async () => {
    sso.tokenService.failExchange('bad-sso-token');

    const response = await sso.bot.post(
      invokeActivity(sso.bot.connector.serviceUrl, 'signin/tokenExchange', {
        id: 'exchange-2',
        connectionName: CONNECTION,
        token: 'bad-sso-token',
      }),
    );

    expect(response.status).toBe(412);
    expect(response.body).toMatchObject({ id: 'exchange-2', connectionName: CONNECTION });
    expect((response.body as { failureDetail: string }).failureDetail).toEqual(expect.any(String));
  });

  test('the same exchange sent by two Teams clients is processed once', async () => {
    await sso.bot.post(messageActivity(sso.bot.connector.serviceUrl, 'Twice'));
    sso.tokenService.allowExchange('sso-twice', { token: graphToken() });
    sso.bot.connector.reset();
    const exchange = invokeActivity(sso.bot.connector.serviceUrl, 'signin/tokenExchange', {
      id: 'exchange-dup',
      connectionName: CONNECTION,
      token: 'sso-twice',
    });

    const responses = await Promise.all([sso.bot.post(exchange), sso.bot.post(exchange)]);

    expect(responses.map((r) => r.status)).toEqual([200, 200]);
    expect(sentCards()).toHaveLength(1);
  });

  test('a magic code (signin/verifyState) signs the user in and resumes', async () => {
    await sso.bot.post(messageActivity(sso.bot.connector.serviceUrl, 'By code'));
    const code = sso.tokenService.issueMagicCode(ALEX, CONNECTION, graphToken());
    sso.bot.connector.reset();

    await sso.bot.post(invokeActivity(sso.bot.connector.serviceUrl, 'signin/verifyState', { state: code }));

    expect(JSON.stringify(sentCards()[0]?.content)).toContain('"value":"By code"');
  });

  test('an expired token at the form gets one fresh token, and the user’s groups are listed', async () => {
    sso.tokenService.grantToken(
      ALEX,
      CONNECTION,
      mintSandboxToken({ oid: DEMO_TENANT.users.alex.id, lifetimeSeconds: -60 }),
    );
    sso.tokenService.refreshAfterNextGet(ALEX, CONNECTION, graphToken());

    await sso.bot.post(messageActivity(sso.bot.connector.serviceUrl, 'Fresh groups'));

    const card = JSON.stringify(sentCards()[0]?.content);
    expect(card).toContain('Project Falcon');
    expect(card).not.toContain('could not be loaded');
  });

  test('sign out signs the user out of the connection and says so', async () => {
    sso.tokenService.grantToken(ALEX, CONNECTION, graphToken());

    await sso.bot.post(messageActivity(sso.bot.connector.serviceUrl, 'sign out'));

    expect(sso.tokenService.count('/api/usertoken/SignOut')).toBe(1);
    expect(sso.bot.connector.sent[0].activity.text).toContain('You are signed out');
    await sso.bot.post(messageActivity(sso.bot.connector.serviceUrl, 'Hello again'));
    expect(sentCards()[0].contentType).toBe('application/vnd.microsoft.card.oauth');
  });
});

describe('card submit entry (Universal Actions)', () => {
  test('without a token the invoke answers a login request with an OAuthCard', async () => {
    const response = await sso.bot.post(
      cardActionActivity(sso.bot.connector.serviceUrl, 'createConversation', draftData()),
    );

    expect(response.body).toMatchObject({
      statusCode: 401,
      type: 'application/vnd.microsoft.activity.loginRequest',
      value: {
        connectionName: CONNECTION,
        tokenExchangeResource: { uri: `api://botid-${LOCAL_BOT_ID}` },
        buttons: [{ type: 'signin' }],
      },
    });
    expect(sso.bot.sandbox.requests).toHaveLength(0);
  });

  test('someone not signed in who refreshes or checks another person’s card sees its state, not a sign-in', async () => {
    sso.tokenService.grantToken(ALEX, CONNECTION, graphToken());
    const data = draftData();
    await sso.bot.post(cardActionActivity(sso.bot.connector.serviceUrl, 'createConversation', data));

    const megan = cardActionActivity(
      sso.bot.connector.serviceUrl,
      'checkConversation',
      { draftId: data.draftId },
      undefined,
      DEMO_TENANT.users.megan,
    );
    (megan.value as { trigger: string }).trigger = 'automatic';
    const response = await sso.bot.post(megan);

    expect(response.body).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive' });
    expect(JSON.stringify(response.body)).toContain('Conversation started');
    expect(sso.bot.sandbox.conversations(groups.falcon.id)).toHaveLength(1);
  });

  test('the author’s own check without a token still asks them to sign in', async () => {
    const response = await sso.bot.post(
      cardActionActivity(sso.bot.connector.serviceUrl, 'checkConversation', { draftId: randomUUID() }),
    );

    expect(response.body).toMatchObject({
      statusCode: 401,
      type: 'application/vnd.microsoft.activity.loginRequest',
    });
  });

  test('the retried invoke with an SSO token is exchanged and the draft is posted once', async () => {
    sso.tokenService.allowExchange('uasso', { token: graphToken() });
    const data = draftData();
    const retry = cardActionActivity(sso.bot.connector.serviceUrl, 'createConversation', data);
    (retry.value as Record<string, unknown>).authentication = {
      id: 'a1',
      connectionName: CONNECTION,
      token: 'uasso',
    };

    const response = await sso.bot.post(retry);

    expect(JSON.stringify(response.body)).toContain('Conversation started');
    const [stored] = sso.bot.sandbox.conversations(groups.falcon.id);
    expect(stored.topic).toBe('Signed-in topic');
    expect(stored.threads[0].posts[0].body.content).toBe('Body that must survive sign-in');
  });

  test('the retried invoke with an SSO token that cannot be exchanged answers 412', async () => {
    sso.tokenService.failExchange('nope');
    const retry = cardActionActivity(sso.bot.connector.serviceUrl, 'createConversation', draftData());
    (retry.value as Record<string, unknown>).authentication = {
      id: 'a2',
      connectionName: CONNECTION,
      token: 'nope',
    };

    const response = await sso.bot.post(retry);

    expect(response.body).toMatchObject({ statusCode: 412 });
    expect(sso.bot.sandbox.requests).toHaveLength(0);
  });

  test('the retried invoke with a magic code (state) is redeemed and the draft is posted', async () => {
    const code = sso.tokenService.issueMagicCode(ALEX, CONNECTION, graphToken());
    const retry = cardActionActivity(sso.bot.connector.serviceUrl, 'createConversation', draftData());
    (retry.value as Record<string, unknown>).state = code;

    const response = await sso.bot.post(retry);

    expect(JSON.stringify(response.body)).toContain('Conversation started');
  });

  test('a Graph 401 gets one fresh token from the token service and succeeds', async () => {
    const expired = mintSandboxToken({ oid: DEMO_TENANT.users.alex.id, lifetimeSeconds: -60 });
    sso.tokenService.grantToken(ALEX, CONNECTION, expired);
    sso.tokenService.refreshAfterNextGet(ALEX, CONNECTION, graphToken());

    const response = await sso.bot.post(
      cardActionActivity(sso.bot.connector.serviceUrl, 'createConversation', draftData()),
    );

    expect(JSON.stringify(response.body)).toContain('Conversation started');
    expect(sso.bot.sandbox.conversations(groups.falcon.id)).toHaveLength(1);
  });

  test('a token Graph keeps refusing leads to a new sign-in, the draft waiting in the resent action', async () => {
    const revoked = mintSandboxToken({ oid: DEMO_TENANT.users.alex.id, lifetimeSeconds: -60 });
    sso.tokenService.grantToken(ALEX, CONNECTION, revoked);

    const response = await sso.bot.post(
      cardActionActivity(sso.bot.connector.serviceUrl, 'createConversation', draftData()),
    );

    expect(response.body).toMatchObject({
      statusCode: 401,
      type: 'application/vnd.microsoft.activity.loginRequest',
    });
    expect(sso.tokenService.count('/api/usertoken/SignOut')).toBe(1);
    expect(sso.bot.sandbox.conversations()).toHaveLength(0);
  });
});

describe('consent and Conditional Access', () => {
  test('a token without Group.ReadWrite.All on a group the user belongs to says what the admin must do', async () => {
    const withoutConsent = mintSandboxToken({
      oid: DEMO_TENANT.users.alex.id,
      scp: 'User.ReadBasic.All GroupMember.Read.All',
    });
    sso.tokenService.grantToken(ALEX, CONNECTION, withoutConsent);
    const data = {
      ...draftData(),
      groupChoices: [{ id: groups.falcon.id, displayName: groups.falcon.displayName }],
    };

    const response = await sso.bot.post(
      cardActionActivity(sso.bot.connector.serviceUrl, 'createConversation', data),
    );

    const card = JSON.stringify(response.body);
    expect(card).toContain('A tenant admin must grant admin consent');
    expect(card).toContain('Body that must survive sign-in');
    expect(card).not.toContain(withoutConsent);
  });

  test.each<[string, FaultSpec]>([
    // Continuous Access Evaluation: 401 with a claims challenge (learn.microsoft.com/entra/identity-platform/claims-challenge).
    ['a 401 claims challenge in WWW-Authenticate', { claimsChallenge: true, path: '/conversations' }],
    // Graph's error page still lists a 403 insufficient_claims (learn.microsoft.com/graph/errors).
    ['a 403 insufficient_claims', { status: 403, code: 'insufficient_claims', path: '/conversations' }],
  ])(
    'Conditional Access (%s) signs the user out and asks for a fresh sign-in; nothing is posted',
    async (_, fault) => {
      sso.tokenService.grantToken(ALEX, CONNECTION, graphToken());
      sso.bot.sandbox.failNext(1, fault);

      const response = await sso.bot.post(
        cardActionActivity(sso.bot.connector.serviceUrl, 'createConversation', draftData()),
      );

      expect(response.body).toMatchObject({
        statusCode: 401,
        type: 'application/vnd.microsoft.activity.loginRequest',
      });
      expect(sso.tokenService.count('/api/usertoken/SignOut')).toBe(1);
      expect(sso.bot.sandbox.conversations()).toHaveLength(0);
    },
  );
});

describe('message-extension entry', () => {
  const fetchTask = (value: Record<string, unknown> = {}) =>
    sso.bot.post(
      invokeActivity(sso.bot.connector.serviceUrl, 'composeExtension/fetchTask', {
        commandId: 'startGroupConversation',
        commandContext: 'compose',
        ...value,
      }),
    );

  test('without a token the invoke answers an auth response with the sign-in link', async () => {
    const response = await fetchTask();

    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      composeExtension: {
        type: 'auth',
        suggestedActions: {
          actions: [{ type: 'openUrl', value: sso.tokenService.signInLink(0), title: 'Sign in' }],
        },
      },
    });
  });

  test('a resend carrying an SSO token is exchanged and the dialog opens', async () => {
    sso.tokenService.allowExchange('me-sso', { token: graphToken() });

    const response = await fetchTask({ authentication: { token: 'me-sso' } });

    expect(response.body).toMatchObject({ task: { type: 'continue' } });
  });

  test('a resend carrying an SSO token that cannot be exchanged answers 412', async () => {
    sso.tokenService.failExchange('me-bad');

    const response = await fetchTask({ authentication: { token: 'me-bad' } });

    expect(response.status).toBe(412);
    expect(response.body).toMatchObject({ connectionName: CONNECTION, failureDetail: expect.any(String) });
  });

  test('a resend carrying a magic code (state) is redeemed and the dialog opens', async () => {
    const code = sso.tokenService.issueMagicCode(ALEX, CONNECTION, graphToken());

    const response = await fetchTask({ state: code });

    expect(response.body).toMatchObject({ task: { type: 'continue' } });
  });
});

test('no token string ever appears in the bot’s log output', async () => {
  const token = graphToken();
  sso.tokenService.grantToken(ALEX, CONNECTION, token);
  await sso.bot.post(messageActivity(sso.bot.connector.serviceUrl, 'Hello'));
  await sso.bot.post(cardActionActivity(sso.bot.connector.serviceUrl, 'createConversation', draftData()));
  sso.tokenService.allowExchange('sso-secret-value', { token });
  await sso.bot.post(
    invokeActivity(sso.bot.connector.serviceUrl, 'signin/tokenExchange', {
      id: 'x',
      connectionName: CONNECTION,
      token: 'sso-secret-value',
    }),
  );

  const log = sso.bot.logLines.join('');
  expect(log.length).toBeGreaterThan(0);
  expect(log).not.toContain(token);
  expect(log).not.toContain(token.split('.')[1]);
  expect(log).not.toContain('sso-secret-value');
});
