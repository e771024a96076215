import { randomUUID } from 'node:crypto';
import { DEMO_TENANT } from '../../sandbox/demo-tenant';
import { adaptiveCardProblems } from '../support/adaptive-card-schema';
import { type BotHarness, startBotHarness } from '../support/bot-harness';
import { CHANNEL_SCOPE, cardActionActivity, formSubmitData, TEAM } from '../support/teams-activities';

const { users, groups } = DEMO_TENANT;

interface InvokeBody {
  statusCode: number;
  type: string;
  value: {
    body: Array<Record<string, unknown>>;
    actions: Array<{ title?: string; data?: Record<string, unknown> }>;
  };
}

let bot: BotHarness;
beforeAll(async () => {
  bot = await startBotHarness({ env: { INVOKE_BUDGET_MS: '4000' } });
});
afterAll(() => bot?.close());
beforeEach(() => bot.reset());

/** What Teams sends when the user presses the form's button: inputs merged into the action's data. */
function submission(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return formSubmitData({
    groupChoices: [
      { id: groups.marketing.id, displayName: groups.marketing.displayName },
      { id: groups.falcon.id, displayName: groups.falcon.displayName },
    ],
    body: 'Hi all,\nPlease review the <b>launch plan</b> & reply by Friday.\n<script>alert(1)</script>',
    participants: `${users.megan.id},${users.pradeep.id}`,
    emails: 'guest.reviewer@fabrikam.com',
    ...overrides,
  });
}

async function submit(data: Record<string, unknown>, scope = undefined as undefined | typeof CHANNEL_SCOPE) {
  const response = await bot.post(
    cardActionActivity(bot.connector.serviceUrl, 'createConversation', data, scope),
  );
  expect(response.status).toBe(200);
  const body = response.body as InvokeBody;
  expect(body.statusCode).toBe(200);
  expect(body.type).toBe('application/vnd.microsoft.card.adaptive');
  expect(adaptiveCardProblems(body.value)).toEqual([]);
  return body.value;
}

function conversationPosts() {
  return bot.sandbox.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/conversations'));
}

function text(card: unknown): string {
  return JSON.stringify(card);
}

function inputValue(card: InvokeBody['value'], id: string): unknown {
  return card.body.find((element) => element.id === id)?.value;
}

describe('submitting the form', () => {
  test('a valid draft is posted to Graph with exactly the documented body and the card becomes a confirmation', async () => {
    const card = await submit(submission());

    expect(conversationPosts()).toHaveLength(1);
    expect(conversationPosts()[0].path).toBe(`/v1.0/groups/${groups.falcon.id}/conversations`);
    expect(conversationPosts()[0].body).toEqual({
      topic: 'Falcon launch: go/no-go',
      threads: [
        {
          posts: [
            {
              body: {
                contentType: 'html',
                content:
                  'Hi all,<br>Please review the &lt;b&gt;launch plan&lt;/b&gt; &amp; reply by Friday.<br>&lt;script&gt;alert(1)&lt;/script&gt;',
              },
              newParticipants: [
                { emailAddress: { name: 'Megan Bowen', address: 'meganb@contoso.onmicrosoft.com' } },
                { emailAddress: { name: 'Pradeep Gupta', address: 'pradeepg@contoso.onmicrosoft.com' } },
                {
                  emailAddress: {
                    name: 'guest.reviewer@fabrikam.com',
                    address: 'guest.reviewer@fabrikam.com',
                  },
                },
              ],
            },
          ],
        },
      ],
    });
    const batches = bot.sandbox.requests.filter((r) => r.path.endsWith('/$batch'));
    expect(batches).toHaveLength(1);

    const stored = bot.sandbox.conversations(groups.falcon.id);
    expect(stored).toHaveLength(1);
    expect(text(card)).toContain('Conversation started');
    expect(text(card)).toContain('Project Falcon');
    expect(text(card)).toContain('Megan Bowen (meganb@contoso.onmicrosoft.com)');
    expect(card.actions.map((action) => action.title)).toEqual([
      'Reply',
      'Recent conversations',
      'Start another',
    ]);
    expect(card.actions[2]).toMatchObject({
      title: 'Start another',
      data: { conversationId: stored[0].id, threadId: stored[0].threads[0].id },
    });
  });

  test('in a team channel the draft goes to the team’s linked group', async () => {
    await submit(
      submission({ linkedGroupId: TEAM.aadGroupId, linkedGroupName: TEAM.name, groupId: undefined }),
      CHANNEL_SCOPE,
    );

    expect(bot.sandbox.conversations(groups.marketing.id)).toHaveLength(1);
  });

  test('an invalid draft comes back with every input as typed, each bad field named, and no Graph call', async () => {
    const draft = submission({ topic: '   ', body: 'Kept body', emails: 'not-an-address; ok@fabrikam.com' });

    const card = await submit(draft);

    expect(bot.sandbox.requests).toHaveLength(0);
    expect(inputValue(card, 'body')).toBe('Kept body');
    expect(inputValue(card, 'emails')).toBe('not-an-address; ok@fabrikam.com');
    expect(inputValue(card, 'participants')).toBe(`${users.megan.id},${users.pradeep.id}`);
    expect(inputValue(card, 'groupId')).toBe(groups.falcon.id);
    expect(text(card)).toContain('**Topic**: Enter a topic.');
    expect(text(card)).toContain(
      '**Other e-mail addresses**: Not a valid e-mail address or directory user: \\"not-an-address\\"',
    );
    expect(card.actions[0].data).toMatchObject({ draftId: draft.draftId });
  });

  test('a participant id unknown to the directory is named on the form and nothing is posted', async () => {
    const ghost = '11111111-2222-3333-4444-555555555555';
    const card = await submit(submission({ participants: `${users.megan.id},${ghost}` }));

    expect(conversationPosts()).toHaveLength(0);
    expect(text(card)).toContain(`Not found in your directory: ${ghost}`);
  });
});

describe('idempotency', () => {
  test('the same draft submitted twice creates one conversation and answers the same confirmation', async () => {
    const draft = submission();
    const first = await submit(draft);
    const second = await submit(draft);

    expect(bot.sandbox.conversations(groups.falcon.id)).toHaveLength(1);
    expect(conversationPosts()).toHaveLength(1);
    expect(second).toEqual(first);
  });

  test('concurrent submits of one draft (a double click) create one conversation', async () => {
    bot.sandbox.setLatency(300, '/conversations');
    const draft = submission();

    const cards = await Promise.all([submit(draft), submit(draft), submit(draft)]);

    expect(bot.sandbox.conversations(groups.falcon.id)).toHaveLength(1);
    expect(new Set(cards.map((card) => text(card))).size).toBe(1);
    expect(text(cards[0])).toContain('Conversation started');
  });

  test('after a failure the same draft can be tried again', async () => {
    bot.sandbox.failNext(1, { status: 503, retryAfterSeconds: 60, path: '/conversations' });
    const draft = submission();
    const failed = await submit(draft);
    expect(text(failed)).toContain('Microsoft Graph is busy');

    const retried = await submit(draft);
    expect(text(retried)).toContain('Conversation started');
    expect(bot.sandbox.conversations(groups.falcon.id)).toHaveLength(1);
  });
});

describe('Graph failures keep the draft and explain what happened', () => {
  test('429 with Retry-After is retried within the deadline and then succeeds', async () => {
    bot.sandbox.failNext(2, { status: 429, retryAfterSeconds: 1, path: '/conversations' });

    const card = await submit(submission());

    expect(text(card)).toContain('Conversation started');
    expect(conversationPosts().map((r) => r.status)).toEqual([429, 429, 201]);
  });

  test('one person’s look-up throttled inside a $batch that answers 200 is asked again, and everyone is added', async () => {
    bot.sandbox.failNext(1, {
      status: 429,
      retryAfterSeconds: 1,
      batchItem: true,
      path: `/users/${users.pradeep.id}`,
    });

    const card = await submit(submission());

    expect(text(card)).toContain('Conversation started');
    expect(bot.sandbox.requests.filter((r) => r.path.endsWith('/$batch'))).toHaveLength(2);
    const [conversation] = bot.sandbox.conversations(groups.falcon.id);
    expect(conversation.threads[0].posts[0].newParticipants.map((p) => p.emailAddress.name)).toEqual([
      'Megan Bowen',
      'Pradeep Gupta',
      'guest.reviewer@fabrikam.com',
    ]);
  });

  test('a Retry-After beyond the deadline answers at once with "busy" and the draft kept', async () => {
    bot.sandbox.failNext(1, { status: 429, retryAfterSeconds: 120, path: '/conversations' });
    const started = Date.now();

    const card = await submit(submission());

    expect(Date.now() - started).toBeLessThan(3000);
    expect(text(card)).toContain(
      'Microsoft Graph is busy right now. Nothing was posted; try again in 120 seconds.',
    );
    expect(inputValue(card, 'topic')).toBe('Falcon launch: go/no-go');
    expect(card.actions[0].title).toBe('Try again');
  });

  test.each([
    [503, 'Microsoft Graph is busy right now'],
    [401, 'Your Microsoft 365 sign-in has expired'],
  ])('a persistent %i before the create is explained with the Graph request-id', async (status, message) => {
    // On the people look-up, the one read before the create (the draft names its group, so no group look-up):
    // a failed read proves nothing was posted. Retry-After beyond the deadline: no retry.
    bot.sandbox.failNext(10, { status, retryAfterSeconds: 60, path: '/$batch' });

    const card = await submit(submission());

    expect(conversationPosts()).toHaveLength(0);
    expect(text(card)).toContain(message);
    const failedRequestIds = bot.sandbox.requests.filter((r) => r.status === status);
    expect(failedRequestIds.length).toBeGreaterThan(0);
    expect(text(card)).toMatch(/Support reference \(Graph request-id\): [0-9a-f-]{36}/);
    expect(inputValue(card, 'body')).toContain('Hi all');
  });

  test('a private group the user is not a member of answers 403 and says so', async () => {
    const card = await submit(submission({ groupId: groups.leadership.id }));

    expect(text(card)).toContain('it is private and you are not a member');
    expect(bot.sandbox.conversations(groups.leadership.id)).toHaveLength(0);
  });

  test('a security group the form did not offer (so the draft does not name it) is looked up and refused before posting, on the group field', async () => {
    const card = await submit(submission({ groupId: groups.security.id }));

    expect(conversationPosts()).toHaveLength(0);
    expect(text(card)).toContain('is not a Microsoft 365 group');
  });

  test('a group that does not exist answers 404 and says so', async () => {
    const card = await submit(submission({ groupId: randomUUID() }));

    expect(text(card)).toContain('That group no longer exists');
  });

  test('a public group the user is not a member of accepts the conversation', async () => {
    const card = await submit(submission({ groupId: groups.finance.id }));

    expect(text(card)).toContain('Conversation started');
  });
});

describe('slow Graph', () => {
  test('beyond the invoke budget the card says "posting…" and a later check answers the confirmation', async () => {
    bot.sandbox.setLatency(5000, '/conversations');
    const draft = submission();

    const pending = await submit(draft);
    expect(text(pending)).toContain('Microsoft Graph is taking longer than usual');
    expect(pending.actions[0]).toMatchObject({ verb: 'checkConversation', data: { draftId: draft.draftId } });

    await new Promise((resolve) => setTimeout(resolve, 1500));
    const check = await bot.post(
      cardActionActivity(bot.connector.serviceUrl, 'checkConversation', pending.actions[0].data ?? {}),
    );
    const confirmed = (check.body as InvokeBody).value;
    expect(text(confirmed)).toContain('Conversation started');
    expect(bot.sandbox.conversations(groups.falcon.id)).toHaveLength(1);
  }, 20_000);
});
