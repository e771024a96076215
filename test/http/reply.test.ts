import { randomUUID } from 'node:crypto';
import { DEMO_TENANT } from '../../sandbox/demo-tenant';
import { adaptiveCardProblems } from '../support/adaptive-card-schema';
import { type BotHarness, startBotHarness } from '../support/bot-harness';
import { cardActionActivity, teamsUserId } from '../support/teams-activities';

/**
 * "Reply from the confirmation card" (issue #12, item 1), through /api/messages as Teams sends it: the reply
 * is posted once, by whoever pressed "Post reply", as themselves; the card tells the truth about it.
 */

const { groups, users } = DEMO_TENANT;
type DemoUser = (typeof users)[keyof typeof users];

interface Card {
  body: Array<Record<string, unknown>>;
  actions?: Array<{
    type: string;
    title?: string;
    verb?: string;
    data?: Record<string, unknown>;
    card?: Card;
  }>;
  refresh?: { action: { verb: string; data: Record<string, unknown> }; userIds?: string[] };
}

/** Teams' size limit for a card is ~100 KB; ours stay well under 40 KB (docs/decisions.md "Cards fit"). */
const CARD_BUDGET_BYTES = 40 * 1024;

let bot: BotHarness;
beforeAll(async () => {
  bot = await startBotHarness({ env: { INVOKE_BUDGET_MS: '4000' } });
});
afterAll(() => bot?.close());
beforeEach(() => bot.reset());

async function act(
  verb: string,
  data: Record<string, unknown>,
  options: { user?: DemoUser; trigger?: 'manual' | 'automatic' } = {},
): Promise<Card> {
  const activity = cardActionActivity(bot.connector.serviceUrl, verb, data, undefined, options.user);
  (activity.value as { trigger: string }).trigger = options.trigger ?? 'manual';
  const response = await bot.post(activity);
  expect(response.status).toBe(200);
  const body = response.body as { statusCode: number; value: Card };
  expect(body.statusCode).toBe(200);
  expect(adaptiveCardProblems(body.value)).toEqual([]);
  expect(Buffer.byteLength(JSON.stringify(body.value))).toBeLessThan(CARD_BUDGET_BYTES);
  return body.value;
}

const text = (card: unknown): string => JSON.stringify(card);

/** A conversation started through the bot, and the confirmation card it answered. */
async function startedConversation(): Promise<Card> {
  const card = await act('createConversation', {
    draftId: randomUUID(),
    linkedGroupId: '',
    linkedGroupName: '',
    groupChoices: [{ id: groups.falcon.id, displayName: groups.falcon.displayName }],
    groupId: groups.falcon.id,
    topic: 'Falcon launch: go/no-go',
    body: 'Please review the launch plan.',
    participants: '',
    emails: '',
  });
  expect(text(card)).toContain('Conversation started');
  return card;
}

/** What the confirmation card's inline "Reply" form sends: its button's data plus the typed message. */
function replyFrom(card: Card, replyText: string): Record<string, unknown> {
  const showCard = card.actions?.find((a) => a.type === 'Action.ShowCard' && a.title === 'Reply');
  expect(showCard?.card).toBeDefined();
  const post = showCard?.card?.actions?.find((a) => a.verb === 'postReply');
  expect(post?.data).toBeDefined();
  return { ...post?.data, replyText };
}

function action(card: Card, title: string): { verb: string; data: Record<string, unknown> } {
  const found = card.actions?.find((a) => a.title === title);
  expect(found).toBeDefined();
  return found as { verb: string; data: Record<string, unknown> };
}

function replyPosts() {
  return bot.sandbox.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/reply'));
}

/** The thread's posts after the first one: the replies, with who sent them. */
function replies() {
  const [conversation] = bot.sandbox.conversations(groups.falcon.id);
  return conversation.threads[0].posts.slice(1);
}

test('a valid reply is posted once, HTML-escaped with line breaks, and the card shows the reply count and latest author', async () => {
  const confirmation = await startedConversation();

  const card = await act('postReply', replyFrom(confirmation, 'Agreed <b>go</b>\nfrom my side & more'));

  expect(replyPosts()).toHaveLength(1);
  expect(replyPosts()[0].status).toBe(202);
  expect(replies()).toHaveLength(1);
  expect(replies()[0].body).toEqual({
    contentType: 'html',
    content: 'Agreed &lt;b&gt;go&lt;/b&gt;<br>from my side &amp; more',
  });
  expect(replies()[0].sender.emailAddress.address).toBe(users.alex.mail);
  // Back to the confirmation card, now with the thread's replies.
  expect(text(card)).toContain('Conversation started');
  expect(text(card)).toContain('1 reply');
  expect(text(card)).toContain(users.alex.displayName);
  // A new reply-draft id: the next reply from this card is a new reply, not a resend of this one.
  expect(replyFrom(card, 'x').replyDraftId).not.toBe(replyFrom(confirmation, 'x').replyDraftId);
});

test('an empty or too-long reply is refused inline and nothing is posted; what was typed is kept, within the card size', async () => {
  const confirmation = await startedConversation();

  const empty = await act('postReply', replyFrom(confirmation, '   '));
  expect(text(empty)).toContain('Write your reply.');
  expect(replyPosts()).toHaveLength(0);

  // A pasted novel (CJK: 3 bytes a character) is cut to the limit so the card stays small, and said so.
  const long = '語'.repeat(40_000);
  const tooLong = await act('postReply', replyFrom(confirmation, long));
  expect(text(tooLong)).toContain('so it was cut to fit');
  const input = tooLong.body.find((element) => element.id === 'replyText');
  expect(input?.value).toBe('語'.repeat(10_666));
  expect(replyPosts()).toHaveLength(0);

  // A reply within the limit that Graph refused comes back whole.
  bot.sandbox.failNext(1, { status: 429, retryAfterSeconds: 60, path: '/reply' });
  const kept = 'x'.repeat(31_999);
  const refused = await act('postReply', replyFrom(confirmation, kept));
  expect(refused.body.find((element) => element.id === 'replyText')?.value).toBe(kept);
});

test('a double click and a Teams resend of the same reply post it once', async () => {
  const confirmation = await startedConversation();
  const data = replyFrom(confirmation, 'Go from me');

  const [first, second] = await Promise.all([act('postReply', data), act('postReply', data)]);
  const resent = await act('postReply', data);

  expect(replyPosts()).toHaveLength(1);
  expect(replies()).toHaveLength(1);
  for (const card of [first, second, resent]) expect(text(card)).toContain('1 reply');
});

test('another member replies from the same card as themselves; their refresh of the author’s card never posts', async () => {
  bot.sandbox.failNext(1, { status: 504, after: true, path: '/reply' });
  const confirmation = await startedConversation();
  const data = replyFrom(confirmation, 'Go from Alex');

  const unknown = await act('postReply', data);
  expect(unknown.refresh?.userIds).toEqual([teamsUserId(users.alex)]);

  // Megan's client refreshing Alex's card (were it to) shows her own empty form and posts nothing.
  const meganRefresh = await act('checkReply', unknown.refresh?.action.data ?? {}, {
    user: users.megan,
    trigger: 'automatic',
  });
  expect(text(meganRefresh)).toContain('Reply to the conversation');
  expect(replyPosts()).toHaveLength(1);

  // Megan's own reply from the same confirmation card is hers, posted once in her name.
  await act('postReply', { ...data, replyText: 'Go from Megan' }, { user: users.megan });
  expect(replyPosts()).toHaveLength(2);
  expect(replies().map((post) => post.sender.emailAddress.address)).toEqual([
    users.alex.mail,
    users.megan.mail,
  ]);
});

describe('Graph refusals are explained, with the request-id, and the message is kept', () => {
  test('403: a user outside the private group', async () => {
    const confirmation = await startedConversation();

    const card = await act('postReply', replyFrom(confirmation, 'Hello from Patti'), { user: users.patti });

    expect(text(card)).toContain('You cannot reply in this group');
    expect(text(card)).toContain('Graph request-id');
    expect(card.body.find((element) => element.id === 'replyText')?.value).toBe('Hello from Patti');
    expect(replies()).toHaveLength(0);
  });

  test('404: a conversation that no longer exists', async () => {
    const confirmation = await startedConversation();

    const card = await act('postReply', { ...replyFrom(confirmation, 'Hello'), threadId: 'AAQkAGoneThread' });

    expect(text(card)).toContain('This conversation no longer exists');
    expect(replies()).toHaveLength(0);
  });

  test('429 with a long Retry-After: not retried past the deadline, "Nothing was posted", then posted once on retry', async () => {
    const confirmation = await startedConversation();
    bot.sandbox.failNext(1, { status: 429, retryAfterSeconds: 60, path: '/reply' });
    const data = replyFrom(confirmation, 'Busy?');

    const card = await act('postReply', data);
    expect(text(card)).toContain('Nothing was posted; try again in 60 seconds');
    expect(replies()).toHaveLength(0);

    const retried = await act('postReply', { ...action(card, 'Post reply').data, replyText: 'Busy?' });
    expect(text(retried)).toContain('1 reply');
    expect(replies()).toHaveLength(1);
  });
});

test('a 504 after the reply was posted: "may have been posted", never repeated; "Check again" finds it', async () => {
  bot.sandbox.failNext(1, { status: 504, after: true, path: '/reply' });
  const confirmation = await startedConversation();
  const data = replyFrom(confirmation, 'Go');

  const unknown = await act('postReply', data);
  expect(text(unknown)).toContain('may have been posted');
  expect(unknown.actions?.map((a) => a.title)).toContain('Check again');
  expect(unknown.actions?.map((a) => a.title)).not.toContain('Post anyway');
  expect(replyPosts()).toHaveLength(1);

  // A resend of the same reply looks instead of posting again.
  const resent = await act('postReply', data);
  expect(replyPosts()).toHaveLength(1);
  expect(text(resent)).toContain('1 reply');

  const checked = await act('checkReply', action(unknown, 'Check again').data);
  expect(text(checked)).toContain('1 reply');
  expect(replies()).toHaveLength(1);
  // Looked up with the documented list of a thread's posts.
  expect(bot.sandbox.requests.some((r) => r.method === 'GET' && /\/threads\/[^/]+\/posts/.test(r.path))).toBe(
    true,
  );
});

test('a 504 that did nothing: not found, then "Post anyway" posts it once', async () => {
  bot.sandbox.failNext(1, { status: 504, path: '/reply' });
  const confirmation = await startedConversation();

  const unknown = await act('postReply', replyFrom(confirmation, 'Go'));
  expect(text(unknown)).toContain('may have been posted');

  const checked = await act('checkReply', action(unknown, 'Check again').data);
  expect(text(checked)).toContain('not in the conversation yet');
  const posted = await act('replyAnyway', action(checked, 'Post anyway').data);
  expect(text(posted)).toContain('1 reply');
  const again = await act('replyAnyway', action(checked, 'Post anyway').data);
  expect(text(again)).toContain('1 reply');
  expect(replies()).toHaveLength(1);
});

test('a confirmation without a thread id: the thread is looked up (documented list of threads), then replied to', async () => {
  const confirmation = await startedConversation();
  const data = { ...replyFrom(confirmation, 'Go'), threadId: '' };

  const card = await act('postReply', data);

  expect(text(card)).toContain('1 reply');
  expect(
    bot.sandbox.requests.some((r) => r.method === 'GET' && /\/conversations\/[^/]+\/threads$/.test(r.path)),
  ).toBe(true);
  expect(replies()).toHaveLength(1);
});

test('refused card data (an id with a path in it) never reaches Graph', async () => {
  const confirmation = await startedConversation();
  const activity = cardActionActivity(bot.connector.serviceUrl, 'postReply', {
    ...replyFrom(confirmation, 'x'),
    threadId: '../../users',
  });
  const response = await bot.post(activity);
  expect((response.body as { statusCode: number }).statusCode).toBe(400);
  expect(replyPosts()).toHaveLength(0);
});
