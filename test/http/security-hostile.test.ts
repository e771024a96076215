import { randomUUID } from 'node:crypto';
import type { TurnContext } from 'botbuilder';
import { DEMO_TENANT } from '../../sandbox/demo-tenant';
import { mintSandboxToken } from '../../sandbox/tokens';
import { SsoTokenProvider } from '../../src/auth/sso-token-provider';
import type { GraphTokenProvider } from '../../src/auth/token-provider';
import { type BotHarness, startBotHarness } from '../support/bot-harness';
import {
  cardActionActivity,
  formSubmitData,
  GROUP_CHAT,
  installActivity,
  invokeActivity,
  messageActivity,
  type TeamsActivity,
  teamsUserId,
} from '../support/teams-activities';
import { Teardown } from '../support/teardown';
import { startTokenService, type TokenService } from '../support/token-service';

/**
 * Validly shaped activities with hostile content, through /api/messages as Teams would send them: another
 * tenant, prototype names as verbs and commands, fields of the wrong type, a doctored preview, and code of
 * ours that throws.
 */

const CONNECTION = 'GraphConnection';
const FOREIGN_TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const ALEX = teamsUserId(DEMO_TENANT.users.alex);

let tokenService: TokenService;
let bot: BotHarness;
const teardown = new Teardown();

beforeAll(async () => {
  tokenService = teardown.add(await startTokenService(), (service) => service.close());
  bot = teardown.add(
    await startBotHarness({
      env: {
        ConnectionName: CONNECTION,
        OAuthUrl: tokenService.url,
        ALLOWED_TENANT_IDS: DEMO_TENANT.tenantId,
        INVOKE_BUDGET_MS: '4000',
      },
      tokens: () => new SsoTokenProvider(CONNECTION),
    }),
    (harness) => harness.close(),
  );
});
afterAll(() => teardown.run());
beforeEach(() => {
  bot.reset();
  tokenService.reset();
  tokenService.grantToken(ALEX, CONNECTION, mintSandboxToken({ oid: DEMO_TENANT.users.alex.id }));
});

function fromTenant(activity: TeamsActivity, channelDataTenant?: string, conversationTenant?: string) {
  const channelData = {
    ...(activity.channelData as object),
    tenant: channelDataTenant && { id: channelDataTenant },
  };
  const conversation = { ...(activity.conversation as object), tenantId: conversationTenant };
  return { ...activity, channelData, conversation };
}

function formData(patch: Record<string, unknown> = {}): Record<string, unknown> {
  return formSubmitData({ topic: 'Launch plan', emails: 'megan@contoso.onmicrosoft.com', ...patch });
}

function events(): Array<Record<string, unknown>> {
  return bot.logLines.map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe('tenant boundary (ALLOWED_TENANT_IDS)', () => {
  test.each<[string, () => TeamsActivity]>([
    ['a message', () => messageActivity(bot.connector.serviceUrl, 'Budget review')],
    ['a card submit', () => cardActionActivity(bot.connector.serviceUrl, 'createConversation', formData())],
    [
      'a message-extension dialog',
      () =>
        invokeActivity(bot.connector.serviceUrl, 'composeExtension/fetchTask', {
          commandId: 'startGroupConversation',
          commandContext: 'compose',
        }),
    ],
  ])(
    '%s from another tenant: 403, no reply, no token-service or Graph call, one log line',
    async (_name, make) => {
      const response = await bot.post(fromTenant(make(), FOREIGN_TENANT, FOREIGN_TENANT));

      expect(response).toEqual({
        status: 403,
        body: { error: { code: 'TenantNotAllowed', message: 'This bot does not serve your organization.' } },
      });
      expect(bot.connector.sent).toEqual([]);
      expect(tokenService.requests).toEqual([]);
      expect(bot.sandbox.requests).toEqual([]);
      expect(events()).toEqual([
        expect.objectContaining({
          level: 'warn',
          event: 'tenant.refused',
          tenantId: FOREIGN_TENANT,
          reason: 'notListed',
        }),
      ]);
    },
  );

  test('the tenant id is compared as a GUID, case-insensitively', async () => {
    const activity = messageActivity(bot.connector.serviceUrl, 'Budget review');
    const upper = DEMO_TENANT.tenantId.toUpperCase();
    expect((await bot.post(fromTenant(activity, upper, upper))).status).toBe(200);
    expect(bot.connector.sent).toHaveLength(1);
  });

  test('an activity naming no tenant, or two different ones, is refused', async () => {
    const activity = messageActivity(bot.connector.serviceUrl, 'Budget review');
    expect((await bot.post(fromTenant(activity, undefined, undefined))).status).toBe(403);
    expect((await bot.post(fromTenant(activity, DEMO_TENANT.tenantId, FOREIGN_TENANT))).status).toBe(403);
    expect((await bot.post(fromTenant(activity, FOREIGN_TENANT, DEMO_TENANT.tenantId))).status).toBe(403);
    expect(events().map((event) => event.reason)).toEqual(['missing', 'conflicting', 'conflicting']);
    expect(bot.connector.sent).toEqual([]);
  });

  test('no state is written: another tenant installing first does not use up the welcome', async () => {
    const install = installActivity(bot.connector.serviceUrl, GROUP_CHAT);
    expect((await bot.post(fromTenant(install, FOREIGN_TENANT, FOREIGN_TENANT))).status).toBe(403);

    expect((await bot.post(install)).status).toBe(200);
    expect(JSON.stringify(bot.connector.sent)).toContain('Hi! I am Group Conversations.');
  });
});

describe('lookups are data: prototype names are not verbs, commands or invokes', () => {
  test.each(['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf'])(
    'card verb "%s": 400 with a message, before any sign-in or Graph work',
    async (verb) => {
      const response = await bot.post(cardActionActivity(bot.connector.serviceUrl, verb, formData()));

      expect(response).toEqual({
        status: 400,
        body: {
          statusCode: 400,
          type: 'application/vnd.microsoft.error',
          value: {
            code: 'BadRequest',
            message: 'This card action was refused: verb: not an action of this app.',
          },
        },
      });
      expect(tokenService.requests).toEqual([]);
      expect(bot.sandbox.requests).toEqual([]);
    },
  );

  test.each(['constructor', 'toString', '__proto__'])(
    'chat text "%s" is a topic, not a command',
    async (text) => {
      const response = await bot.post(messageActivity(bot.connector.serviceUrl, text));

      expect(response.status).toBe(200);
      expect(JSON.stringify(bot.connector.sent)).toMatch(new RegExp(`"id":"topic"[^}]*"value":"${text}"`));
    },
  );

  test.each(['constructor', '__proto__', 'toString', 'startgroupconversation', ''])(
    'message-extension command "%s": 400 with a message',
    async (commandId) => {
      for (const name of ['composeExtension/fetchTask', 'composeExtension/submitAction']) {
        const response = await bot.post(
          invokeActivity(bot.connector.serviceUrl, name, {
            commandId,
            commandContext: 'compose',
            data: formData(),
          }),
        );
        expect(response).toEqual({
          status: 400,
          body: { task: { type: 'message', value: 'This app has no such command.' } },
        });
      }
      expect(bot.sandbox.conversations()).toEqual([]);
    },
  );

  test.each(['constructor', '__proto__', 'toString', 'composeExtension/queryLink', 'task/fetch'])(
    'invoke name "%s": 400 with a message',
    async (name) => {
      const response = await bot.post(invokeActivity(bot.connector.serviceUrl, name, {}));
      expect(response.status).toBe(400);
      expect(JSON.stringify(response.body)).toContain('This app does not handle this kind of request.');
    },
  );

  test('a search query without a command id: 400 naming the missing command, no Graph request', async () => {
    const response = await bot.post(invokeActivity(bot.connector.serviceUrl, 'composeExtension/query', {}));
    expect(response.status).toBe(400);
    expect(JSON.stringify(response.body)).toContain('This app has no such command.');
    expect(bot.sandbox.requests).toEqual([]);
  });
});

describe('strict shapes: a wrong-shaped field is named, never dropped', () => {
  test('participants sent as an array: 400 naming "participants", nothing posted', async () => {
    const data = formData({ participants: [DEMO_TENANT.users.megan.id] });
    const response = await bot.post(cardActionActivity(bot.connector.serviceUrl, 'createConversation', data));

    expect(response.status).toBe(400);
    expect(JSON.stringify(response.body)).toContain('participants: Expected string');
    expect(bot.sandbox.conversations()).toEqual([]);
  });

  test('groupId ".." (a path traversal): 400 naming "groupId", and no Graph request at all', async () => {
    const data = formData({ groupId: '..' });
    const response = await bot.post(cardActionActivity(bot.connector.serviceUrl, 'createConversation', data));

    expect(response.status).toBe(400);
    expect(JSON.stringify(response.body)).toContain('groupId');
    expect(bot.sandbox.requests).toEqual([]);
  });

  test('the same in the message-extension dialog: the dialog says which field', async () => {
    const response = await bot.post(
      invokeActivity(bot.connector.serviceUrl, 'composeExtension/submitAction', {
        commandId: 'startGroupConversation',
        commandContext: 'compose',
        data: formData({ emails: { address: 'x@contoso.com' } }),
      }),
    );

    expect(response).toEqual({
      status: 400,
      body: { task: { type: 'message', value: 'This form was refused: emails: Expected string.' } },
    });
    expect(bot.sandbox.conversations()).toEqual([]);
  });
});

describe('preview "Send" shares only what the server stored', () => {
  async function postedPreview(): Promise<{ draftId: string; preview: Record<string, unknown> }> {
    const data = formData();
    const response = await bot.post(
      invokeActivity(
        bot.connector.serviceUrl,
        'composeExtension/submitAction',
        { commandId: 'startGroupConversation', commandContext: 'compose', data },
        GROUP_CHAT,
      ),
    );
    const preview = (response.body as { composeExtension: { activityPreview: Record<string, unknown> } })
      .composeExtension.activityPreview;
    return { draftId: data.draftId as string, preview };
  }

  function send(botActivityPreview: unknown[]) {
    return bot.post(
      invokeActivity(
        bot.connector.serviceUrl,
        'composeExtension/submitAction',
        {
          commandId: 'startGroupConversation',
          commandContext: 'compose',
          botMessagePreviewAction: 'send',
          botActivityPreview,
        },
        GROUP_CHAT,
      ),
    );
  }

  test('a phishing card carrying the real draft id goes out as the confirmation card', async () => {
    const { draftId } = await postedPreview();
    const phishing = {
      type: 'message',
      attachments: [
        {
          contentType: 'application/vnd.microsoft.card.adaptive',
          content: {
            type: 'AdaptiveCard',
            version: '1.5',
            body: [
              { type: 'TextBlock', text: 'Your password expires today: [sign in](https://evil.example)' },
            ],
            actions: [{ type: 'Action.Submit', data: { draftId } }],
          },
        },
      ],
    };

    expect((await send([phishing])).status).toBe(200);

    const shared = JSON.stringify(bot.connector.sent.map((sent) => sent.activity));
    expect(shared).toContain('Conversation started');
    expect(shared).not.toContain('evil.example');
  });

  test('a preview without a known draft id shares nothing', async () => {
    await postedPreview();
    bot.connector.reset();
    const unknown = {
      type: 'message',
      attachments: [{ contentType: 'x', content: { actions: [{ data: { draftId: randomUUID() } }] } }],
    };

    expect((await send([unknown])).status).toBe(200);
    expect((await send([{ text: 'hello' }])).status).toBe(200);
    expect(bot.connector.sent).toEqual([]);
  });
});

describe('an exception in our code is a well-formed answer, never an empty 501', () => {
  let failing: BotHarness;

  /** Every token look-up fails as if the token service returned garbage the SDK cannot parse. */
  const broken: GraphTokenProvider = {
    getToken: (_context: TurnContext) => Promise.reject(new TypeError('token service answer unreadable')),
    refreshToken: () => Promise.resolve(undefined),
    redeem: () => Promise.reject(new TypeError('unreadable')),
    signInOffer: () => Promise.resolve(undefined),
    signOut: () => Promise.resolve(false),
  };

  beforeAll(async () => {
    failing = teardown.add(await startBotHarness({ tokens: () => broken }), (harness) => harness.close());
  });
  beforeEach(() => failing.reset());

  test('a card action: 500 with a Universal Actions error Teams shows, logged once', async () => {
    const response = await failing.post(
      cardActionActivity(failing.connector.serviceUrl, 'createConversation', formData()),
    );

    expect(response).toEqual({
      status: 500,
      body: {
        statusCode: 500,
        type: 'application/vnd.microsoft.error',
        value: {
          code: 'InternalError',
          message: 'Sorry, something went wrong on my side. Nothing was posted; please try again.',
        },
      },
    });
    const failures = failing.logLines
      .map((line) => JSON.parse(line))
      .filter((entry) => entry.level === 'error');
    expect(failures).toEqual([
      expect.objectContaining({ event: 'invoke.failed', invoke: 'adaptiveCard/action', error: 'TypeError' }),
    ]);
  });

  test('a message-extension dialog: 500 with a message for the dialog', async () => {
    const response = await failing.post(
      invokeActivity(failing.connector.serviceUrl, 'composeExtension/fetchTask', {
        commandId: 'startGroupConversation',
        commandContext: 'compose',
      }),
    );

    expect(response).toEqual({
      status: 500,
      body: {
        task: {
          type: 'message',
          value: 'Sorry, something went wrong on my side. Nothing was posted; please try again.',
        },
      },
    });
  });

  test('a chat message: 200 and an apology in the chat', async () => {
    const response = await failing.post(messageActivity(failing.connector.serviceUrl, 'Budget review'));

    expect(response.status).toBe(200);
    expect(failing.connector.sent.map((sent) => sent.activity.text)).toEqual([
      'Sorry, something went wrong on my side. Nothing was posted; please try again.',
    ]);
  });
});
