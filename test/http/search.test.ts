import { DEMO_TENANT, type SandboxTenant } from '../../sandbox/demo-tenant';
import { type GraphSandbox, startGraphSandbox } from '../../sandbox/graph-sandbox';
import { mintSandboxToken } from '../../sandbox/tokens';
import { adaptiveCardProblems } from '../support/adaptive-card-schema';
import { type BotHarness, startBotHarness } from '../support/bot-harness';
import { SSO_CONNECTION, useSsoBot } from '../support/sso-bot';
import {
  CHANNEL_SCOPE,
  cardActionActivity,
  invokeActivity,
  messageActivity,
  PERSONAL,
  type Scope,
  TEAM,
  type TeamsActivity,
  teamsUserId,
} from '../support/teams-activities';

/**
 * "Find and share" (issue #12, item 2): the message extension's search command lists recent conversations
 * whose topic holds the typed words (the team's group in a channel, the user's groups elsewhere), with only
 * the query options Graph documents. Each result carries the card Teams inserts when it is chosen, as it is
 * (its thumbnail has no tap, so no selectItem round trip); that card's "Reply" works for whoever presses it.
 */

const { groups, users } = DEMO_TENANT;
const COMMAND = 'searchConversations';
const CARD_BUDGET_BYTES = 40 * 1024;

type DemoUser = (typeof users)[keyof typeof users];
interface Card {
  body: Array<{ type: string; text?: string }>;
  actions: Array<{ type: string; title: string; verb?: string; data?: Record<string, unknown> }>;
}
interface Result {
  contentType: string;
  content: Card;
  preview: {
    contentType: string;
    content: { title: string; subtitle: string; text: string; tap?: unknown };
  };
}
interface SearchAnswer {
  composeExtension: {
    type: string;
    attachmentLayout?: string;
    attachments?: Result[];
    text?: string;
    suggestedActions?: { actions: Array<{ type: string; value: string; title: string }> };
  };
}

interface QueryOptions {
  scope?: Scope;
  user?: DemoUser;
  locale?: string;
  value?: Record<string, unknown>;
}

function queryActivity(
  serviceUrl: string,
  words: string | undefined,
  options: QueryOptions = {},
): TeamsActivity {
  const parameters =
    words === undefined ? [{ name: 'initialRun', value: 'true' }] : [{ name: 'searchText', value: words }];
  const activity = invokeActivity(
    serviceUrl,
    'composeExtension/query',
    { commandId: COMMAND, parameters, queryOptions: { skip: 0, count: 25 }, ...options.value },
    options.scope ?? PERSONAL,
    options.user ?? users.alex,
  );
  return { ...activity, locale: options.locale ?? 'en-US', localTimezone: 'Europe/Berlin' };
}

/**
 * Every result is the card to share, an Adaptive Card 1.5 well below Teams' size limit, listed by a thumbnail
 * without a tap, so that choosing it inserts the card as it is.
 */
function checkedResults(answer: SearchAnswer): Result[] {
  expect(answer.composeExtension).toMatchObject({ type: 'result', attachmentLayout: 'list' });
  const results = answer.composeExtension.attachments ?? [];
  for (const result of results) {
    expect(result.contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(adaptiveCardProblems(result.content)).toEqual([]);
    expect(Buffer.byteLength(JSON.stringify(result.content))).toBeLessThan(CARD_BUDGET_BYTES);
    expect(result.preview.contentType).toBe('application/vnd.microsoft.card.thumbnail');
    expect(result.preview.content.tap).toBeUndefined();
    expect(result.content.actions.find((action) => action.verb === 'openReply')).toBeDefined();
  }
  expect(Buffer.byteLength(JSON.stringify(answer))).toBeLessThan(CARD_BUDGET_BYTES * 4);
  return results;
}

const topics = (results: Result[]) => results.map((result) => result.preview.content.title);
/** When a result's conversation last had a message, as its card shows it (Teams' {{DATE}}), 0 if none. */
function lastDelivered(card: Card): number {
  const when = /\{\{DATE\(([^,]+), SHORT\)\}\}/.exec(JSON.stringify(card.body))?.[1];
  return when ? Date.parse(when) : 0;
}
/** The conversation a result's card names: its "Reply" data. */
const replyData = (result: Result) =>
  result.content.actions.find((action) => action.verb === 'openReply')?.data ?? {};

describe('search through /api/messages', () => {
  let bot: BotHarness;
  beforeAll(async () => {
    bot = await startBotHarness({ env: { INVOKE_BUDGET_MS: '4000' } });
  });
  afterAll(() => bot?.close());
  beforeEach(() => bot.reset());

  /** A conversation posted straight to Graph by a member (as Teams users post them from Outlook). */
  async function seed(
    groupId: string,
    topic: string,
    body = `About ${topic}`,
    author: DemoUser = users.alex,
  ) {
    const response = await fetch(`${bot.sandbox.baseUrl}/groups/${groupId}/conversations`, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${mintSandboxToken({ oid: author.id })}`,
        'Content-Type': 'application/json',
      },
      body: JSON.stringify({
        topic,
        threads: [{ posts: [{ body: { contentType: 'text', content: body } }] }],
      }),
    });
    expect(response.status).toBeLessThan(300);
  }

  async function search(words: string | undefined, options: QueryOptions = {}): Promise<SearchAnswer> {
    const started = Date.now();
    const response = await bot.post(queryActivity(bot.connector.serviceUrl, words, options));
    expect(response.status).toBe(200);
    // Teams gives a message extension 5 s.
    expect(Date.now() - started).toBeLessThan(5_000);
    return response.body as SearchAnswer;
  }

  async function act(verb: string, data: Record<string, unknown>, scope: Scope, user: DemoUser) {
    const response = await bot.post(cardActionActivity(bot.connector.serviceUrl, verb, data, scope, user));
    const body = response.body as { statusCode: number; value: Card };
    expect(body.statusCode).toBe(200);
    expect(adaptiveCardProblems(body.value)).toEqual([]);
    return body.value;
  }

  function listRequests() {
    return bot.sandbox.requests.filter((r) => r.method === 'GET' && /\/conversations\?/.test(r.path));
  }

  test('opening the search in a channel (initial run, no words) lists the team group’s recent conversations', async () => {
    await seed(groups.marketing.id, 'Spring campaign');
    await seed(groups.marketing.id, 'Brand refresh');
    await seed(groups.falcon.id, 'Falcon launch');

    const results = checkedResults(await search(undefined, { scope: CHANNEL_SCOPE }));

    expect(topics(results).sort()).toEqual(['Brand refresh', 'Spring campaign']);
    for (const result of results) {
      expect(replyData(result)).toMatchObject({ groupId: TEAM.aadGroupId, groupName: TEAM.name });
      expect(result.preview.content.subtitle).toContain(TEAM.name);
    }
    const delivered = results.map((result) => lastDelivered(result.content));
    expect(delivered.every((time) => time > 0)).toBe(true);
    expect(delivered).toEqual([...delivered].sort((a, b) => b - a));
    // Only documented options: $filter on lastDeliveredDateTime and $select; no $top, $orderby or $search.
    expect(listRequests()).toHaveLength(1);
    expect(listRequests()[0].path).toContain(`/groups/${groups.marketing.id}/conversations`);
    expect(listRequests()[0].path).toMatch(/\$filter=lastDeliveredDateTime(%20|\+| )ge/);
    for (const request of listRequests()) expect(request.path).not.toMatch(/\$top|\$orderby|\$search/i);
  });

  test('typed words find the conversations whose topic holds all of them, in all of the user’s groups', async () => {
    await seed(groups.falcon.id, 'Budget review Q3');
    await seed(groups.marketing.id, 'Q3 BUDGET forecast');
    await seed(groups.marketing.id, 'Launch plan', 'The budget is in the body only');

    const both = checkedResults(await search('budget'));
    expect(topics(both).sort()).toEqual(['Budget review Q3', 'Q3 BUDGET forecast']);
    const byTopic = new Map(both.map((result) => [result.preview.content.title, result]));
    const falcon = byTopic.get('Budget review Q3');
    expect(falcon && replyData(falcon).groupName).toBe(groups.falcon.displayName);

    expect(topics(checkedResults(await search('  review   budget ')))).toEqual(['Budget review Q3']);
    // Outside a team, each of the user's groups is read (Alex is in two Microsoft 365 groups).
    const readGroups = new Set(listRequests().map((r) => r.path.split('/conversations')[0]));
    expect(readGroups.size).toBe(2);
  });

  test('a search with no match says so, quoting the words', async () => {
    await seed(groups.marketing.id, 'Spring campaign');

    const answer = await search('zebra', { scope: CHANNEL_SCOPE });

    expect(answer).toEqual({
      composeExtension: {
        type: 'message',
        text: 'No conversation of the last 30 days has “zebra” in its topic.',
      },
    });
  });

  test('a group that cannot be read is left out when the others answer', async () => {
    await seed(groups.falcon.id, 'Budget review');
    await seed(groups.marketing.id, 'Budget forecast');
    bot.sandbox.failNext(1, { status: 403, code: 'ErrorAccessDenied', path: `/groups/${groups.falcon.id}/` });

    const results = checkedResults(await search('budget'));

    expect(topics(results)).toEqual(['Budget forecast']);
  });

  test('a Graph failure is explained with its request-id, never as "no match"', async () => {
    await seed(groups.marketing.id, 'Budget forecast');
    bot.sandbox.failNext(4, { status: 429, retryAfterSeconds: 30, path: '/conversations' });

    const answer = await search('budget', { scope: CHANNEL_SCOPE });

    expect(answer.composeExtension.type).toBe('message');
    expect(answer.composeExtension.text).toMatch(
      /^Microsoft Graph is busy right now; search again in 30 seconds\. Support reference \(Graph request-id\): \S+$/,
    );
  });

  test('the card a result inserts has topic, group, preview and time, and its Reply works for anyone', async () => {
    await seed(groups.marketing.id, 'Budget forecast', 'Numbers are in the sheet.');

    const [inserted] = checkedResults(await search('budget', { scope: CHANNEL_SCOPE }));

    const text = JSON.stringify(inserted.content);
    expect(text).toContain('Budget forecast');
    expect(text).toContain(`Group: ${groups.marketing.displayName}`);
    expect(text).toContain('Numbers are in the sheet.');
    expect(text).toMatch(/Last message: \{\{DATE\(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ, SHORT\)\}\}/);
    const reply = inserted.content.actions.find((action) => action.verb === 'openReply');
    expect(reply).toMatchObject({ type: 'Action.Execute', title: 'Reply' });

    // Megan sees the card Alex shared: her "Reply" opens her own form, and her reply is posted as her.
    const form = await act('openReply', reply?.data ?? {}, CHANNEL_SCOPE, users.megan);
    const post = form.actions.find((action) => action.verb === 'postReply');
    expect(post).toBeDefined();
    await act('postReply', { ...post?.data, replyText: 'Thanks, looks good' }, CHANNEL_SCOPE, users.megan);

    const [conversation] = bot.sandbox.conversations(groups.marketing.id);
    const posts = conversation.threads[0].posts;
    expect(posts).toHaveLength(2);
    expect(posts[1].from.emailAddress.address).toBe(users.megan.mail);
  });

  test('sent into the chat with the bot, the card asks it nothing: no answer', async () => {
    await seed(groups.marketing.id, 'Budget forecast');
    const [result] = checkedResults(await search('budget'));
    // What a client sends with a message-extension card: a placeholder span in the text, the card attached.
    const placeholder =
      '<span class="inline-compose-card" itemid="0" itemtype="http://schema.skype.com/InputExtension"><span content="0" itemprop="cardId"></span></span>';
    const message = messageActivity(bot.connector.serviceUrl, placeholder);

    const response = await bot.post({ ...message, attachments: [result] });

    expect(response.status).toBe(200);
    expect(bot.connector.sent).toEqual([]);
  });

  test('selectItem is refused like any invoke the app does not serve: choosing a result needs none', async () => {
    const response = await bot.post(
      invokeActivity(bot.connector.serviceUrl, 'composeExtension/selectItem', { topic: 'anything' }),
    );

    expect(response).toEqual({
      status: 400,
      body: { task: { type: 'message', value: 'This app does not handle this kind of request.' } },
    });
    expect(bot.sandbox.requests).toHaveLength(0);
  });

  test('another command id is refused', async () => {
    const response = await bot.post(
      queryActivity(bot.connector.serviceUrl, 'budget', { value: { commandId: 'somethingElse' } }),
    );
    expect(response.status).toBe(400);
  });

  test('in German: the answers and the shared card follow the client’s locale', async () => {
    await seed(groups.marketing.id, 'Übersicht Budget');

    const miss = await search('zebra', { scope: CHANNEL_SCOPE, locale: 'de-DE' });
    expect(miss.composeExtension.text).toBe(
      'Keine Unterhaltung der letzten 30 Tage enthält „zebra“ im Thema.',
    );

    // Accents and case do not matter: "ubersicht" finds "Übersicht".
    const [result] = checkedResults(await search('ubersicht', { scope: CHANNEL_SCOPE, locale: 'de-DE' }));
    // The thumbnail's date is written for a German reader (dd.mm.yyyy), in the client's time zone.
    expect(result.preview.content.subtitle).toMatch(/^Contoso Marketing · \d\d\.\d\d\.\d{4}, \d\d:\d\d$/);
    const inserted = JSON.stringify(result.content);
    expect(inserted).toContain('Gruppe: Contoso Marketing');
    expect(inserted).toContain('Letzte Nachricht:');
    expect(result.content.actions[0].title).toBe('Antworten');
  });
});

describe('a user without Microsoft 365 groups', () => {
  let sandbox: GraphSandbox;
  let bot: BotHarness;
  beforeAll(async () => {
    // The demo directory with Alex removed from every group.
    const tenant: SandboxTenant = {
      ...DEMO_TENANT,
      groups: Object.fromEntries(
        Object.entries(DEMO_TENANT.groups).map(([key, group]) => [
          key,
          { ...group, memberIds: group.memberIds.filter((id) => id !== users.alex.id) },
        ]),
      ),
    };
    sandbox = await startGraphSandbox({ tenant });
    bot = await startBotHarness({ sandbox });
  });
  afterAll(async () => {
    await bot?.close();
    await sandbox?.close();
  });

  test('is told how to get some, instead of an empty list', async () => {
    const response = await bot.post(queryActivity(bot.connector.serviceUrl, undefined));

    expect(response.body).toEqual({
      composeExtension: {
        type: 'message',
        text: 'You are not a member of any Microsoft 365 group I can read. Search from a team channel to use the team’s group, or ask a group owner to add you.',
      },
    });
  });
});

describe('sign-in for search (Teams SSO, then the sign-in link)', () => {
  const sso = useSsoBot({ INVOKE_BUDGET_MS: '4000' });
  const ALEX = teamsUserId(users.alex);
  const graphToken = () => mintSandboxToken({ oid: users.alex.id });
  const query = (value: Record<string, unknown> = {}) =>
    sso.bot.post(queryActivity(sso.bot.connector.serviceUrl, 'budget', { value }));

  test('without a token the answer is silentAuth with the sign-in link, which Teams shows if SSO fails', async () => {
    const response = await query();

    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      composeExtension: {
        type: 'silentAuth',
        suggestedActions: {
          actions: [{ type: 'openUrl', value: sso.tokenService.signInLink(0), title: 'Sign in' }],
        },
      },
    });
  });

  test('the query resent with an SSO token is exchanged, and searched as that user', async () => {
    sso.tokenService.allowExchange('search-sso', { token: graphToken() });

    const response = await query({ authentication: { token: 'search-sso' } });

    expect(response.status).toBe(200);
    expect((response.body as SearchAnswer).composeExtension.type).toBe('message');
    expect((response.body as SearchAnswer).composeExtension.text).toContain('“budget”');
    expect(sso.bot.sandbox.requests.some((r) => r.path.includes('/conversations?'))).toBe(true);
  });

  test('an SSO token that cannot be exchanged answers 412, so Teams falls back to the link', async () => {
    sso.tokenService.failExchange('search-bad');

    const response = await query({ authentication: { id: 'exchange-7', token: 'search-bad' } });

    expect(response.status).toBe(412);
    expect(response.body).toMatchObject({
      id: 'exchange-7',
      connectionName: SSO_CONNECTION,
      failureDetail: expect.any(String),
    });
  });

  test('after the sign-in link, the query resent with the magic code (state) is searched', async () => {
    const code = sso.tokenService.issueMagicCode(ALEX, SSO_CONNECTION, graphToken());

    const response = await query({ state: code });

    expect((response.body as SearchAnswer).composeExtension.text).toContain('“budget”');
  });

  test('a token Graph keeps refusing (401) asks for a new sign-in instead of an error', async () => {
    sso.tokenService.grantToken(ALEX, SSO_CONNECTION, graphToken());
    sso.bot.sandbox.failNext(2, { status: 401, path: '/conversations' });

    const response = await sso.bot.post(
      queryActivity(sso.bot.connector.serviceUrl, 'budget', { scope: CHANNEL_SCOPE }),
    );

    expect((response.body as SearchAnswer).composeExtension).toMatchObject({
      type: 'silentAuth',
      suggestedActions: { actions: [{ type: 'openUrl', title: 'Sign in' }] },
    });
  });

  test('an expired token gets one fresh token, and the fresh one reads the conversation lists too', async () => {
    sso.tokenService.grantToken(
      ALEX,
      SSO_CONNECTION,
      mintSandboxToken({ oid: users.alex.id, lifetimeSeconds: -60 }),
    );
    sso.tokenService.refreshAfterNextGet(ALEX, SSO_CONNECTION, graphToken());

    const response = await sso.bot.post(queryActivity(sso.bot.connector.serviceUrl, 'budget'));

    expect((response.body as SearchAnswer).composeExtension).toMatchObject({ type: 'message' });
    expect((response.body as SearchAnswer).composeExtension.text).toContain('“budget”');
  });

  test('with a cached token the search runs straight away, in German too', async () => {
    sso.tokenService.grantToken(ALEX, SSO_CONNECTION, graphToken());

    const response = await sso.bot.post(
      queryActivity(sso.bot.connector.serviceUrl, 'budget', { locale: 'de-DE' }),
    );

    expect((response.body as SearchAnswer).composeExtension.text).toBe(
      'Keine Unterhaltung der letzten 30 Tage enthält „budget“ im Thema.',
    );
  });
});
