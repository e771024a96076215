import { DEMO_TENANT } from '../../sandbox/demo-tenant';
import type { FaultSpec } from '../../sandbox/graph-sandbox';
import { adaptiveCardProblems } from '../support/adaptive-card-schema';
import { type BotHarness, startBotHarness } from '../support/bot-harness';
import {
  CHANNEL_SCOPE,
  cardActionActivity,
  formSubmitData,
  invokeActivity,
  PERSONAL,
  type Scope,
  TEAM,
  teamsUserId,
} from '../support/teams-activities';

/**
 * "Pressing the button posts the conversation once, and the card tells the truth", checked against what
 * Graph and Teams document rather than what our sandbox used to do (issue #8, docs/decisions.md
 * "Exactly once"). Each test counts the conversations Graph holds and who sent them.
 */

const { groups, users } = DEMO_TENANT;
type DemoUser = (typeof users)[keyof typeof users];

interface Card {
  body: Array<Record<string, unknown>>;
  actions?: Array<{ type: string; title?: string; verb?: string; data?: Record<string, unknown> }>;
  refresh?: { action: { verb: string; data: Record<string, unknown> }; userIds?: string[] };
}

let bot: BotHarness;
beforeAll(async () => {
  bot = await startBotHarness({ env: { INVOKE_BUDGET_MS: '4000' } });
});
afterAll(() => bot?.close());
beforeEach(() => bot.reset());

function formSubmission(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return formSubmitData({ participants: users.megan.id, ...overrides });
}

/** An Action.Execute as Teams sends it; `automatic` is the refresh Teams sends when a card is viewed. */
async function act(
  verb: string,
  data: Record<string, unknown>,
  options: { user?: DemoUser; trigger?: 'manual' | 'automatic'; scope?: Scope } = {},
): Promise<{ card: Card; elapsedMs: number }> {
  const activity = cardActionActivity(bot.connector.serviceUrl, verb, data, options.scope, options.user);
  (activity.value as { trigger: string }).trigger = options.trigger ?? 'manual';
  const started = Date.now();
  const response = await bot.post(activity);
  const elapsedMs = Date.now() - started;
  expect(response.status).toBe(200);
  const body = response.body as { statusCode: number; value: Card };
  expect(body.statusCode).toBe(200);
  expect(adaptiveCardProblems(body.value)).toEqual([]);
  return { card: body.value, elapsedMs };
}

function text(card: unknown): string {
  return JSON.stringify(card);
}

function creates() {
  return bot.sandbox.requests.filter((r) => r.method === 'POST' && /\/conversations$/.test(r.path));
}

function lookups() {
  return bot.sandbox.requests.filter((r) => r.method === 'GET' && /\/conversations\?/.test(r.path));
}

/** Who Graph says sent each conversation of the group. */
function senders(): string[] {
  return bot.sandbox
    .conversations(groups.falcon.id)
    .map((c) => c.threads[0].posts[0].sender.emailAddress.address);
}

function action(card: Card, title: string) {
  const found = card.actions?.find((a) => a.title === title);
  expect(found).toBeDefined();
  return found as { verb: string; data: Record<string, unknown> };
}

describe('1. Graph did the work but its answer was lost', () => {
  test.each<[string, FaultSpec]>([
    ['a 504 after the create', { status: 504, after: true, path: '/conversations' }],
    ['a 502 after the create', { status: 502, after: true, path: '/conversations' }],
    ['a dropped connection after the create', { reset: true, path: '/conversations' }],
  ])(
    '%s: one conversation, a card that says it may be posted, and "Check again" finds it',
    async (_, fault) => {
      bot.sandbox.failNext(1, fault);
      const draft = formSubmission();

      const { card } = await act('createConversation', draft);

      expect(text(card)).toContain('may have been posted');
      expect(text(card)).not.toContain('Nothing was posted');
      expect(creates()).toHaveLength(1);
      expect(bot.sandbox.conversations(groups.falcon.id)).toHaveLength(1);

      const checked = await act('checkConversation', action(card, 'Check again').data);
      expect(text(checked.card)).toContain('Conversation started');
      expect(creates()).toHaveLength(1);
      expect(senders()).toEqual([users.alex.mail]);
      // Found with what Graph documents for listing conversations: $filter and $select, no $top or order.
      expect(lookups()[0].path).toMatch(/\$filter=lastDeliveredDateTime(%20|\+| )ge/);
      expect(lookups()[0].path).not.toMatch(/\$top|\$orderby/);
    },
  );

  test('"Try again" and a Teams resend of the same draft look for it instead of posting again', async () => {
    bot.sandbox.failNext(1, { status: 504, after: true, path: '/conversations' });
    const draft = formSubmission();
    await act('createConversation', draft);

    const resent = await act('createConversation', draft);

    expect(text(resent.card)).toContain('Conversation started');
    expect(creates()).toHaveLength(1);
    expect(bot.sandbox.conversations(groups.falcon.id)).toHaveLength(1);
  });

  test('a 503 with Retry-After is Graph’s promise that nothing was done: retried at once, posted once', async () => {
    bot.sandbox.failNext(1, { status: 503, retryAfterSeconds: 1, path: '/conversations' });

    const { card } = await act('createConversation', formSubmission());

    expect(text(card)).toContain('Conversation started');
    expect(creates().map((r) => r.status)).toEqual([503, 201]);
  });

  test('a 504 that did nothing: not found, then the author chooses "Post anyway" and it is posted once', async () => {
    bot.sandbox.failNext(1, { status: 504, path: '/conversations' });
    const draft = formSubmission();

    const first = await act('createConversation', draft);
    expect(text(first.card)).toContain('may have been posted');
    expect(first.card.actions?.map((a) => a.title)).toEqual(['Check again']);

    const checked = await act('checkConversation', action(first.card, 'Check again').data);
    expect(text(checked.card)).toContain(`It is not in ${groups.falcon.displayName} yet`);
    expect(bot.sandbox.conversations(groups.falcon.id)).toHaveLength(0);

    const posted = await act('postAnyway', action(checked.card, 'Post anyway').data);
    expect(text(posted.card)).toContain('Conversation started');
    expect(bot.sandbox.conversations(groups.falcon.id)).toHaveLength(1);

    const again = await act('postAnyway', action(checked.card, 'Post anyway').data);
    expect(text(again.card)).toContain('Conversation started');
    expect(bot.sandbox.conversations(groups.falcon.id)).toHaveLength(1);
  });

  test('a create that hangs is answered within the invoke budget with "Posting…", never "Nothing was posted"', async () => {
    bot.sandbox.setLatency(30_000, '/conversations');

    const { card, elapsedMs } = await act('createConversation', formSubmission());

    expect(elapsedMs).toBeLessThan(5_000);
    expect(text(card)).toContain('Posting');
    expect(text(card)).not.toContain('Nothing was posted');
  });
});

describe('2. cards are refreshed by other people, as themselves', () => {
  test('the "Posting…" card refreshes only for its author; another member’s refresh never posts, and shows who posts', async () => {
    bot.sandbox.setLatency(6_000, '/conversations');
    const draft = formSubmission();

    const pending = await act('createConversation', draft);
    expect(pending.card.refresh?.userIds).toEqual([teamsUserId(users.alex)]);
    expect(pending.card.refresh?.action).toEqual({
      type: 'Action.Execute',
      verb: 'checkConversation',
      data: { draftId: draft.draftId },
    });

    const meganRefresh = await act('checkConversation', pending.card.refresh?.action.data ?? {}, {
      user: users.megan,
      trigger: 'automatic',
    });
    expect(text(meganRefresh.card)).toContain('Alex Wilber is posting');

    await new Promise((resolve) => setTimeout(resolve, 6_500));
    const meganLater = await act(
      'checkConversation',
      { draftId: draft.draftId },
      {
        user: users.megan,
        trigger: 'automatic',
      },
    );
    expect(text(meganLater.card)).toContain('Conversation started');
    expect(creates()).toHaveLength(1);
    expect(senders()).toEqual([users.alex.mail]);
  }, 20_000);

  test('another member pressing the button of Alex’s form does not post it, nor a copy as themselves', async () => {
    const draft = formSubmission();
    bot.sandbox.failNext(1, { status: 429, retryAfterSeconds: 120, path: '/conversations' });
    const failed = await act('createConversation', draft);
    expect(text(failed.card)).toContain('Microsoft Graph is busy');

    const megan = await act('createConversation', draft, { user: users.megan });

    expect(text(megan.card)).toContain('Alex Wilber started this draft: only Alex Wilber can post it.');
    expect(bot.sandbox.conversations(groups.falcon.id)).toHaveLength(0);
    const alex = await act('createConversation', draft);
    expect(text(alex.card)).toContain('Conversation started');
    expect(senders()).toEqual([users.alex.mail]);
  });

  test('once posted, anyone’s refresh or click answers the confirmation and posts nothing', async () => {
    const draft = formSubmission();
    await act('createConversation', draft);

    const megan = await act('createConversation', draft, { user: users.megan });
    const lee = await act(
      'checkConversation',
      { draftId: draft.draftId },
      { user: users.lee, trigger: 'automatic' },
    );

    expect(text(megan.card)).toContain('Conversation started');
    expect(text(lee.card)).toContain('Conversation started');
    expect(creates()).toHaveLength(1);
  });

  test('a refresh of a form never posts it, even with the submit verb', async () => {
    const draft = formSubmission();

    const { card } = await act('createConversation', draft, { trigger: 'automatic' });

    expect(text(card)).toContain('I have no record of this draft.');
    expect(creates()).toHaveLength(0);
  });
});

describe('3–5. message extension: not installed, command box, 5 seconds', () => {
  async function invoke(name: string, value: Record<string, unknown>, scope: Scope = PERSONAL) {
    const started = Date.now();
    const response = await bot.post(invokeActivity(bot.connector.serviceUrl, name, value, scope));
    return {
      status: response.status,
      body: response.body as unknown,
      elapsedMs: Date.now() - started,
    };
  }

  test('fetchTask in a team where the app is not installed (no aadGroupId, roster refused) offers the form with the user’s groups', async () => {
    bot.connector.refuseTeam(TEAM.id);

    const { status, body, elapsedMs } = await invoke(
      'composeExtension/fetchTask',
      { commandId: 'startGroupConversation', commandContext: 'compose' },
      { ...CHANNEL_SCOPE, omitAadGroupId: true },
    );

    expect(status).toBe(200);
    expect(elapsedMs).toBeLessThan(4_500);
    const card = (body as { task: { value: { card: { content: Card } } } }).task.value.card.content;
    expect(adaptiveCardProblems(card)).toEqual([]);
    expect(text(card)).toContain('"id":"groupId"');
    expect(text(card)).toContain(groups.falcon.displayName);
  });

  test.each([
    ['slow', 8_000],
    ['hung', 60_000],
  ])(
    'fetchTask with Graph %s answers within 4.5 s with the form and a notice, the group list left out',
    async (_, ms) => {
      bot.sandbox.setLatency(ms, '/memberOf');

      const { status, body, elapsedMs } = await invoke('composeExtension/fetchTask', {
        commandId: 'startGroupConversation',
        commandContext: 'compose',
      });

      expect(status).toBe(200);
      expect(elapsedMs).toBeLessThan(4_500);
      const card = (body as { task: { value: { card: { content: Card } } } }).task.value.card.content;
      expect(adaptiveCardProblems(card)).toEqual([]);
      expect(text(card)).toContain('Your groups could not be loaded');
    },
  );

  test('from the command box, where previews are not supported, the posted conversation comes back as a card result', async () => {
    const draft = formSubmission();

    const { body } = await invoke('composeExtension/submitAction', {
      commandId: 'startGroupConversation',
      commandContext: 'commandbox',
      data: draft,
    });

    const result = (body as { composeExtension: { type: string; attachments: Array<{ content: Card }> } })
      .composeExtension;
    expect(result.type).toBe('result');
    expect(text(result.attachments[0].content)).toContain('Conversation started');
    expect(bot.sandbox.conversations(groups.falcon.id)).toHaveLength(1);
  });

  test('a card Teams refuses as too large (413) is replaced by a plain-words message, not a failed invoke', async () => {
    const draft = formSubmission();
    const { body } = await invoke('composeExtension/submitAction', {
      commandId: 'startGroupConversation',
      commandContext: 'compose',
      data: draft,
    });
    const preview = (body as { composeExtension: { activityPreview: unknown } }).composeExtension
      .activityPreview;
    bot.connector.limitMessageSize(1_500);

    const sent = await invoke('composeExtension/submitAction', {
      commandId: 'startGroupConversation',
      commandContext: 'compose',
      botMessagePreviewAction: 'send',
      botActivityPreview: [preview],
    });

    expect(sent.status).toBe(200);
    expect(bot.connector.sent.map((s) => s.activity.text)).toEqual([
      'Your conversation is posted, but its card is too large for Teams to show here. Find it in the group’s Outlook conversations.',
    ]);
  });

  test('"Send" shares the card rebuilt from the stored draft, whatever card the client sends back', async () => {
    const draft = formSubmission();
    const { body } = await invoke('composeExtension/submitAction', {
      commandId: 'startGroupConversation',
      commandContext: 'compose',
      data: draft,
    });
    const preview = (
      body as { composeExtension: { activityPreview: { attachments: Array<{ content: Card }> } } }
    ).composeExtension.activityPreview;
    const tampered = JSON.parse(
      JSON.stringify(preview).replace('Conversation started', 'Reset your password here'),
    );

    await invoke('composeExtension/submitAction', {
      commandId: 'startGroupConversation',
      commandContext: 'compose',
      botMessagePreviewAction: 'send',
      botActivityPreview: [tampered],
    });

    const shared = bot.connector.sent.map((s) => text(s.activity));
    expect(shared).toHaveLength(1);
    expect(shared[0]).toContain('Conversation started');
    expect(shared[0]).not.toContain('Reset your password');
  });
});
