import { randomUUID } from 'node:crypto';
import { DEMO_TENANT } from '../../sandbox/demo-tenant';
import { type BotHarness, startBotHarness } from '../support/bot-harness';
import {
  CHANNEL_SCOPE,
  cardActionActivity,
  messageActivity,
  PERSONAL,
  type Scope,
  TEAM,
} from '../support/teams-activities';

/**
 * How many Graph requests a conversation costs (docs/performance.md, docs/decisions.md #10): the create
 * alone when the draft names its group and people are typed addresses; one $batch more for people-picker
 * ids; a group look-up only when nothing (draft or a recent group list) has named the group.
 */

const { users, groups } = DEMO_TENANT;

interface InvokeBody {
  statusCode: number;
  value: { body: Array<Record<string, unknown>>; actions: Array<{ title?: string }> };
}

let bot: BotHarness;
beforeAll(async () => {
  bot = await startBotHarness({ env: { INVOKE_BUDGET_MS: '4000' } });
});
afterAll(() => bot?.close());
beforeEach(() => bot.reset());

async function submit(data: Record<string, unknown>, scope: Scope = PERSONAL): Promise<string> {
  const response = await bot.post(
    cardActionActivity(
      bot.connector.serviceUrl,
      'createConversation',
      { draftId: randomUUID(), ...data },
      scope,
    ),
  );
  expect(response.status).toBe(200);
  const body = response.body as InvokeBody;
  expect(body.statusCode).toBe(200);
  return JSON.stringify(body.value);
}

/** Requests as Graph counts them: a $batch is one request, its items are not. */
function graphRequests(): string[] {
  return bot.sandbox.requests.filter((r) => !r.viaBatch).map((r) => `${r.method} ${r.path.split('?')[0]}`);
}

const created = (groupId: string) => `POST /v1.0/groups/${groupId}/conversations`;

describe('one Graph request per conversation when the group is known and people are typed addresses', () => {
  test('in a team channel: the team’s group, named by the form; the POST is the only request', async () => {
    const card = await submit(
      {
        linkedGroupId: TEAM.aadGroupId,
        linkedGroupName: TEAM.name,
        topic: 'Launch retro',
        body: 'Notes inside',
        participants: 'meganb@contoso.onmicrosoft.com',
        emails: 'guest@fabrikam.com',
      },
      CHANNEL_SCOPE,
    );

    expect(graphRequests()).toEqual([created(groups.marketing.id)]);
    expect(card).toContain('Conversation started');
    expect(card).toContain(TEAM.name);
  });

  test('in a chat: a group chosen among those the form listed; its name comes from the draft', async () => {
    const card = await submit({
      groupChoices: [{ id: groups.falcon.id, displayName: groups.falcon.displayName }],
      groupId: groups.falcon.id,
      topic: 'Go/no-go',
      body: 'Friday',
      emails: 'meganb@contoso.onmicrosoft.com; guest@fabrikam.com',
    });

    expect(graphRequests()).toEqual([created(groups.falcon.id)]);
    expect(card).toContain('Project Falcon');
  });

  test('people-picker ids cost exactly one $batch more', async () => {
    const card = await submit({
      groupChoices: [{ id: groups.falcon.id, displayName: groups.falcon.displayName }],
      groupId: groups.falcon.id,
      topic: 'Go/no-go',
      body: 'Friday',
      participants: `${users.megan.id},${users.lee.id}`,
    });

    expect(graphRequests()).toEqual(['POST /v1.0/$batch', created(groups.falcon.id)]);
    expect(card).toContain('Lee Gu (leeg@contoso.onmicrosoft.com)');
  });

  test('a group the draft does not name is looked up once; the name is remembered for later drafts', async () => {
    const unnamed = {
      groupChoices: [],
      groupId: groups.finance.id,
      topic: 'Expenses',
      body: 'Due Friday',
      emails: 'guest@fabrikam.com',
    };
    const first = await submit(unnamed);
    expect(graphRequests()).toEqual([`GET /v1.0/groups/${groups.finance.id}`, created(groups.finance.id)]);
    expect(first).toContain('Finance Team');

    bot.reset();
    const second = await submit(unnamed);
    expect(graphRequests()).toEqual([created(groups.finance.id)]);
    expect(second).toContain('Finance Team');
  });

  test('the groups a form listed are remembered, so a draft without names needs no look-up either', async () => {
    await bot.post(messageActivity(bot.connector.serviceUrl, 'Planning', PERSONAL, users.megan));
    bot.reset();

    const card = await submit(
      {
        groupChoices: [],
        groupId: groups.marketing.id,
        topic: 'Plan',
        body: 'Q3',
        emails: 'guest@fabrikam.com',
      },
      PERSONAL,
    );

    expect(graphRequests()).toEqual([created(groups.marketing.id)]);
    expect(card).toContain('Contoso Marketing');
  });
});

describe('with no look-up before the create, the create itself says what is wrong', () => {
  test('a group that cannot hold conversations, named by the draft (a hand-made or stale card), is refused by Graph’s 403 on the POST; nothing is posted and the draft stays open', async () => {
    const card = await submit({
      groupChoices: [{ id: groups.security.id, displayName: groups.security.displayName }],
      groupId: groups.security.id,
      topic: 'All hands',
      body: 'Kept',
      emails: 'guest@fabrikam.com',
    });

    expect(graphRequests()).toEqual([created(groups.security.id)]);
    expect(bot.sandbox.requests[0].status).toBe(403);
    expect(bot.sandbox.conversations()).toHaveLength(0);
    expect(card).toContain('Try again');
    expect(card).toContain('Kept');
    expect(card).toMatch(/Support reference \(Graph request-id\): [0-9a-f-]{36}/);
  });

  test('a group deleted since the form was shown answers 404 on the POST and the user is told', async () => {
    const gone = randomUUID();
    const card = await submit({
      groupChoices: [{ id: gone, displayName: 'Old project' }],
      groupId: gone,
      topic: 'Wrap-up',
      body: 'Thanks all',
      emails: 'guest@fabrikam.com',
    });

    expect(graphRequests()).toEqual([created(gone)]);
    expect(card).toContain('That group no longer exists');
  });
});
