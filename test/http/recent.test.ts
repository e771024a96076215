import { randomUUID } from 'node:crypto';
import { DEMO_TENANT } from '../../sandbox/demo-tenant';
import { adaptiveCardProblems } from '../support/adaptive-card-schema';
import { type BotHarness, startBotHarness } from '../support/bot-harness';
import {
  CHANNEL_SCOPE,
  cardActionActivity,
  messageActivity,
  PERSONAL,
  type Scope,
} from '../support/teams-activities';

/**
 * "recent" (issue #12, item 3): the last 10 conversations of the team's group, or of a group the user picks
 * outside a team, each with "Reply", read with only the query options Graph documents.
 */

const { groups } = DEMO_TENANT;

interface Element extends Record<string, unknown> {
  items?: Element[];
  actions?: Array<{ type: string; title?: string; verb?: string; data?: Record<string, unknown> }>;
}
interface Card {
  body: Element[];
  actions?: Array<{ type: string; title?: string; verb?: string; data?: Record<string, unknown> }>;
}

const CARD_BUDGET_BYTES = 40 * 1024;

let bot: BotHarness;
beforeAll(async () => {
  bot = await startBotHarness({ env: { INVOKE_BUDGET_MS: '4000' } });
});
afterAll(() => bot?.close());
beforeEach(() => bot.reset());

function checked(card: Card): Card {
  expect(adaptiveCardProblems(card)).toEqual([]);
  expect(Buffer.byteLength(JSON.stringify(card))).toBeLessThan(CARD_BUDGET_BYTES);
  return card;
}

function lastCard(): Card {
  const sent = bot.connector.sent.at(-1);
  expect(sent?.activity.attachments?.[0]?.contentType).toBe('application/vnd.microsoft.card.adaptive');
  return checked(sent?.activity.attachments?.[0]?.content as Card);
}

async function act(verb: string, data: Record<string, unknown>, scope: Scope = PERSONAL): Promise<Card> {
  const response = await bot.post(cardActionActivity(bot.connector.serviceUrl, verb, data, scope));
  const body = response.body as { statusCode: number; value: Card };
  expect(body.statusCode).toBe(200);
  return checked(body.value);
}

/** Starts `count` conversations in a group through the bot, as Alex. */
async function start(groupId: string, displayName: string, count: number, scope: Scope = PERSONAL) {
  for (let i = 1; i <= count; i++)
    await act(
      'createConversation',
      {
        draftId: randomUUID(),
        linkedGroupId: '',
        linkedGroupName: '',
        groupChoices: [{ id: groupId, displayName }],
        groupId,
        topic: `Topic ${i}`,
        body: `Message ${i}`,
        participants: '',
        emails: '',
      },
      scope,
    );
}

/** The listed conversations: one Container per conversation, each with its "Reply". */
function listed(card: Card): Array<{ topic: unknown; reply: Record<string, unknown> | undefined }> {
  return card.body
    .filter(
      (element) => element.type === 'Container' && element.items?.some((item) => item.type === 'ActionSet'),
    )
    .map((element) => ({
      topic: element.items?.[0].text,
      reply: element.items?.find((item) => item.type === 'ActionSet')?.actions?.[0]?.data,
    }));
}

function listRequests() {
  return bot.sandbox.requests.filter((r) => r.method === 'GET' && /\/conversations\?/.test(r.path));
}

test('"recent" in a channel lists the last 10 conversations of the team’s group, each with Reply', async () => {
  await start(groups.marketing.id, groups.marketing.displayName, 12, CHANNEL_SCOPE);

  await bot.post(messageActivity(bot.connector.serviceUrl, 'recent', CHANNEL_SCOPE));

  const card = lastCard();
  expect(JSON.stringify(card)).toContain(`Recent conversations in ${groups.marketing.displayName}`);
  const items = listed(card);
  expect(items).toHaveLength(10);
  for (const item of items) expect(item.reply).toMatchObject({ groupId: groups.marketing.id, threadId: '' });
  // Only documented options: $filter on lastDeliveredDateTime and $select; no $top, no $orderby.
  expect(listRequests()[0].path).toMatch(/\$filter=lastDeliveredDateTime(%20|\+| )ge/);
  for (const request of listRequests()) expect(request.path).not.toMatch(/\$top|\$orderby/);
  // 12 conversations on pages of 10: the nextLink was followed.
  expect(listRequests()).toHaveLength(2);
});

test('"Reply" on a listed conversation opens the reply form, which posts to that conversation once', async () => {
  await start(groups.falcon.id, groups.falcon.displayName, 1);
  const list = await act('recentConversations', {
    groupId: groups.falcon.id,
    groupName: groups.falcon.displayName,
  });
  const [item] = listed(list);

  const form = await act('openReply', item.reply ?? {});
  const post = form.actions?.find((a) => a.verb === 'postReply');
  expect(post).toBeDefined();
  const posted = await act('postReply', { ...post?.data, replyText: 'From the list' });

  expect(JSON.stringify(posted)).toContain('1 reply');
  const [conversation] = bot.sandbox.conversations(groups.falcon.id);
  expect(conversation.threads[0].posts).toHaveLength(2);
});

test('outside a team the user picks the group first (the welcome card’s button), then sees its list', async () => {
  await start(groups.falcon.id, groups.falcon.displayName, 2);

  const choice = await act('recentConversations', {});
  const picker = choice.body.find((element) => element.id === 'groupId') as
    | { choices: Array<{ title: string; value: string }> }
    | undefined;
  expect(picker?.choices.map((c) => c.value)).toContain(groups.falcon.id);
  const show = choice.actions?.find((a) => a.verb === 'recentConversations');
  // The choices travel in the button's data, so the chosen group's name is known without a look-up.
  expect(show?.data?.groupChoices).toEqual(
    expect.arrayContaining([{ id: groups.falcon.id, displayName: groups.falcon.displayName }]),
  );

  // Teams merges the chosen value into the button's data.
  const list = await act('recentConversations', { ...show?.data, groupId: groups.falcon.id });
  expect(JSON.stringify(list)).toContain(`Recent conversations in ${groups.falcon.displayName}`);
  expect(listed(list)).toHaveLength(2);
});

test('"recent" in a personal chat asks for the group', async () => {
  await bot.post(messageActivity(bot.connector.serviceUrl, 'recent', PERSONAL));
  const card = lastCard();
  expect(JSON.stringify(card)).toContain('choose a group');
  expect(card.body.some((element) => element.id === 'groupId')).toBe(true);
});

test('a group without recent conversations says so', async () => {
  const card = await act('recentConversations', {
    groupId: groups.falcon.id,
    groupName: groups.falcon.displayName,
  });
  expect(JSON.stringify(card)).toContain(
    `No conversations in ${groups.falcon.displayName} in the last 30 days.`,
  );
  expect(listed(card)).toHaveLength(0);
});

test('a Graph failure is explained with its request-id', async () => {
  bot.sandbox.failNext(4, { status: 503, path: '/conversations' });
  const card = await act('recentConversations', {
    groupId: groups.falcon.id,
    groupName: groups.falcon.displayName,
  });
  expect(JSON.stringify(card)).toContain('Microsoft Graph is busy right now');
  expect(JSON.stringify(card)).toContain('Graph request-id');
});

test('a private group the user is not in: access is refused, truthfully', async () => {
  const card = await act('recentConversations', { groupId: groups.leadership.id, groupName: 'Leadership' });
  expect(JSON.stringify(card)).toContain('You cannot read the conversations of this group');
});
