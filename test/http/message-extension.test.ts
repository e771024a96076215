import { randomUUID } from 'node:crypto';
import { DEMO_TENANT } from '../../sandbox/demo-tenant';
import { adaptiveCardProblems } from '../support/adaptive-card-schema';
import { type BotHarness, startBotHarness } from '../support/bot-harness';
import {
  CHANNEL_SCOPE,
  GROUP_CHAT,
  invokeActivity,
  PERSONAL,
  type Scope,
  TEAM,
} from '../support/teams-activities';

const { groups, users } = DEMO_TENANT;
const COMMAND = 'startGroupConversation';

type Card = {
  body: Array<Record<string, unknown>>;
  actions: Array<{ type: string; data?: Record<string, unknown> }>;
};
interface DialogBody {
  task: { type: string; value: { card: { contentType: string; content: Card }; title: string } };
}
interface PreviewBody {
  composeExtension: { type: string; activityPreview: { attachments: Array<{ content: Card }> } };
}

let bot: BotHarness;
beforeAll(async () => {
  bot = await startBotHarness({ env: { INVOKE_BUDGET_MS: '8000' } });
});
afterAll(() => bot?.close());
beforeEach(() => bot.reset());

async function fetchTask(
  commandContext: string,
  scope: Scope = PERSONAL,
  messagePayload?: Record<string, unknown>,
) {
  const response = await bot.post(
    invokeActivity(
      bot.connector.serviceUrl,
      'composeExtension/fetchTask',
      { commandId: COMMAND, commandContext, context: { theme: 'default' }, messagePayload },
      scope,
    ),
  );
  expect(response.status).toBe(200);
  const body = response.body as DialogBody;
  expect(body.task.type).toBe('continue');
  expect(adaptiveCardProblems(body.task.value.card.content)).toEqual([]);
  return body.task.value.card.content;
}

async function submitAction(value: Record<string, unknown>, scope: Scope = PERSONAL) {
  const started = Date.now();
  const response = await bot.post(
    invokeActivity(
      bot.connector.serviceUrl,
      'composeExtension/submitAction',
      { commandId: COMMAND, commandContext: 'compose', ...value },
      scope,
    ),
  );
  expect(response.status).toBe(200);
  return { body: response.body as DialogBody & PreviewBody, elapsedMs: Date.now() - started };
}

function inputValue(card: Card, id: string): unknown {
  return card.body.find((element) => element.id === id)?.value;
}

function dialogSubmission(card: Card, inputs: Record<string, string>): Record<string, unknown> {
  const submit = card.actions.find((action) => action.type === 'Action.Submit');
  expect(submit).toBeDefined();
  return { ...submit?.data, ...inputs };
}

const filled = {
  groupId: groups.falcon.id,
  topic: 'From the compose box',
  body: 'Dialog body',
  participants: users.lee.id,
};

describe('fetchTask opens the form in a dialog', () => {
  test.each(['compose', 'commandBox'])(
    'from %s in personal chat, with a group choice and Action.Submit',
    async (where) => {
      const card = await fetchTask(where);

      expect(card.body.find((element) => element.id === 'groupId')).toBeDefined();
      expect(card.actions.map((action) => action.type)).toEqual(['Action.Submit']);
    },
  );

  test('in a team channel the linked group is used', async () => {
    const card = await fetchTask('compose', CHANNEL_SCOPE);

    expect(card.body.find((element) => element.id === 'groupId')).toBeUndefined();
    expect(card.actions[0].data).toMatchObject({ linkedGroupId: TEAM.aadGroupId });
  });

  test('from a message the form is prefilled: first line as topic, the message quoted safely with author and link', async () => {
    const card = await fetchTask('message', GROUP_CHAT, {
      id: '1700000000123',
      body: {
        contentType: 'html',
        content: '<p>Q3 numbers &amp; next steps</p><p>See <b>attached</b> <script>alert(1)</script></p>',
      },
      from: { user: { id: 'x', displayName: 'Megan Bowen' } },
      linkToMessage: 'https://teams.microsoft.com/l/message/19:abc@thread.v2/1700000000123',
    });

    expect(inputValue(card, 'topic')).toBe('Q3 numbers & next steps');
    expect(inputValue(card, 'body')).toBe(
      'Megan Bowen wrote:\n> Q3 numbers & next steps\n> See attached alert(1)\n\nOriginal message: https://teams.microsoft.com/l/message/19:abc@thread.v2/1700000000123',
    );
  });
});

describe('submitAction', () => {
  test('an invalid submit returns the dialog with inputs kept and errors named; nothing is posted', async () => {
    const form = await fetchTask('compose');

    const { body } = await submitAction({ data: dialogSubmission(form, { ...filled, body: '' }) });

    const card = body.task.value.card.content;
    expect(inputValue(card, 'topic')).toBe('From the compose box');
    expect(JSON.stringify(card)).toContain('**Message**: Write the message to post.');
    expect(bot.sandbox.conversations()).toHaveLength(0);
  });

  test('a valid submit creates the conversation and answers a confirmation preview; a resend creates nothing new', async () => {
    const form = await fetchTask('compose');
    const data = dialogSubmission(form, filled);

    const first = await submitAction({ data });
    const again = await submitAction({ data });

    expect(first.body.composeExtension.type).toBe('botMessagePreview');
    const preview = first.body.composeExtension.activityPreview.attachments[0].content;
    expect(adaptiveCardProblems(preview)).toEqual([]);
    expect(JSON.stringify(preview)).toContain('Conversation started');
    expect(again.body).toEqual(first.body);
    expect(bot.sandbox.conversations(groups.falcon.id)).toHaveLength(1);
  });

  test('"edit" on the preview reopens the form with what was typed', async () => {
    const form = await fetchTask('compose');
    const { body } = await submitAction({ data: dialogSubmission(form, filled) });

    const edit = await submitAction({
      botMessagePreviewAction: 'edit',
      botActivityPreview: [body.composeExtension.activityPreview],
    });

    const card = edit.body.task.value.card.content;
    expect(inputValue(card, 'topic')).toBe('From the compose box');
    expect(inputValue(card, 'body')).toBe('Dialog body');
    expect(JSON.stringify(card)).toContain('already posted');
  });

  test('"send" on the preview posts the confirmation card into the conversation', async () => {
    const form = await fetchTask('compose', GROUP_CHAT);
    const { body } = await submitAction({ data: dialogSubmission(form, filled) }, GROUP_CHAT);

    await submitAction(
      { botMessagePreviewAction: 'send', botActivityPreview: [body.composeExtension.activityPreview] },
      GROUP_CHAT,
    );

    expect(bot.connector.sent).toHaveLength(1);
    expect(JSON.stringify(bot.connector.sent[0].activity.attachments)).toContain('Conversation started');
  });

  test('"send" where the app is not installed answers a just-in-time install card, then shares after install', async () => {
    bot.connector.refuseConversation('19:meeting_groupchat01@thread.v2');
    const form = await fetchTask('compose', GROUP_CHAT);
    const data = dialogSubmission(form, filled);
    const { body } = await submitAction({ data }, GROUP_CHAT);

    const send = await submitAction(
      { botMessagePreviewAction: 'send', botActivityPreview: [body.composeExtension.activityPreview] },
      GROUP_CHAT,
    );
    const installCard = send.body.task.value.card.content;
    expect(adaptiveCardProblems(installCard)).toEqual([]);
    expect(installCard.actions[0].data).toMatchObject({
      msteams: { justInTimeInstall: true },
      draftId: data.draftId,
    });

    bot.connector.reset();
    await submitAction({ data: installCard.actions[0].data }, GROUP_CHAT);
    expect(JSON.stringify(bot.connector.sent[0].activity.attachments)).toContain('Conversation started');
    expect(bot.sandbox.conversations()).toHaveLength(1);
  });

  test('Graph answering after 8 s: the invoke is answered within 5 s, and exactly one conversation exists at the end', async () => {
    bot.sandbox.setLatency(8000, '/conversations');
    const form = await fetchTask('compose');
    const data = dialogSubmission(form, filled);

    const first = await submitAction({ data });
    expect(first.elapsedMs).toBeLessThan(5000);
    const pending = first.body.composeExtension.activityPreview.attachments[0].content as Card & {
      refresh?: unknown;
    };
    expect(JSON.stringify(pending)).toContain('taking longer than usual');
    expect(pending.refresh).toBeDefined();

    const resend = await submitAction({ data });
    expect(resend.elapsedMs).toBeLessThan(5000);

    await new Promise((resolve) => setTimeout(resolve, 5000));
    const later = await submitAction({ data });
    expect(JSON.stringify(later.body)).toContain('Conversation started');
    expect(bot.sandbox.conversations(groups.falcon.id)).toHaveLength(1);
    expect(
      bot.sandbox.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/conversations')),
    ).toHaveLength(1);
  }, 30_000);

  test('a Graph error appears inside the dialog with the draft kept', async () => {
    const form = await fetchTask('compose');

    const { body } = await submitAction({
      data: dialogSubmission(form, { ...filled, groupId: groups.leadership.id }),
    });

    const card = body.task.value.card.content;
    expect(JSON.stringify(card)).toContain('you are not a member');
    expect(inputValue(card, 'body')).toBe('Dialog body');
    expect(card.actions.map((action) => action.type)).toEqual(['Action.Submit']);
  });
});

test('every dialog draft has its own id', async () => {
  const a = await fetchTask('compose');
  const b = await fetchTask('compose');
  expect(a.actions[0].data?.draftId).not.toEqual(b.actions[0].data?.draftId);
  expect(String(a.actions[0].data?.draftId)).toMatch(/^[0-9a-f-]{36}$/);
  expect(randomUUID()).not.toEqual(a.actions[0].data?.draftId);
});
