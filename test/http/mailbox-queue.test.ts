import { randomUUID } from 'node:crypto';
import { type MailboxLimit, startMailboxLimit } from '../../bench/support/mailbox-limit';
import { DEMO_TENANT } from '../../sandbox/demo-tenant';
import { type GraphSandbox, startGraphSandbox } from '../../sandbox/graph-sandbox';
import { type BotHarness, startBotHarness } from '../support/bot-harness';
import { cardActionActivity } from '../support/teams-activities';

/**
 * Outlook allows an app 4 requests in flight per mailbox and answers more with 429
 * (https://learn.microsoft.com/graph/throttling-limits#outlook-service-limits). The bot queues creates per
 * group beyond that. Graph here is the sandbox behind a stand-in that enforces the limit and records the
 * peak, so a burst that overran it would show as 429s.
 */

const { groups } = DEMO_TENANT;
/** Slow enough for requests to overlap: the queue only matters when they do. */
const CREATE_LATENCY_MS = 300;

let sandbox: GraphSandbox;
let limit: MailboxLimit;
let bot: BotHarness;

beforeAll(async () => {
  sandbox = await startGraphSandbox();
  limit = await startMailboxLimit({ target: sandbox.origin, retryAfterSeconds: 1 });
  bot = await startBotHarness({ sandbox: behind(sandbox, limit.baseUrl), env: { INVOKE_BUDGET_MS: '8000' } });
});
afterAll(async () => {
  await bot?.close();
  await limit?.close();
  await sandbox?.close();
});
beforeEach(() => {
  bot.reset();
  limit.reset();
});

/** The sandbox as the harness sees it, reached through the limit. */
function behind(real: GraphSandbox, baseUrl: string): GraphSandbox {
  return new Proxy(real, {
    get(target, key) {
      if (key === 'baseUrl') return baseUrl;
      const value = Reflect.get(target, key, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

function draft(groupId: string, topic: string): Record<string, unknown> {
  const group = Object.values(groups).find((g) => g.id === groupId);
  return {
    draftId: randomUUID(),
    groupChoices: [{ id: groupId, displayName: group?.displayName ?? groupId }],
    groupId,
    topic,
    body: 'One of many at once',
    emails: 'guest@fabrikam.com',
  };
}

async function submit(data: Record<string, unknown>): Promise<string> {
  const response = await bot.post(cardActionActivity(bot.connector.serviceUrl, 'createConversation', data));
  return JSON.stringify(response.body);
}

const creates = () =>
  sandbox.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/conversations'));

describe('creates are queued per group mailbox', () => {
  test('20 submits to one group at once: never more than 4 in flight, no 429, every draft posted once', async () => {
    sandbox.setLatency(CREATE_LATENCY_MS, '/conversations');
    const drafts = Array.from({ length: 20 }, (_, i) => draft(groups.falcon.id, `Burst ${i}`));
    // A double click on five of them while they wait: they join their draft's attempt.
    const resubmits = drafts.slice(0, 5);

    const answers = await Promise.all([...drafts, ...resubmits].map((data) => submit(data)));

    expect(limit.throttled).toBe(0);
    expect(limit.peakInFlight).toBeLessThanOrEqual(4);
    expect(answers.every((answer) => answer.includes('Conversation started'))).toBe(true);
    expect(creates()).toHaveLength(20);
    expect(creates().every((request) => request.status === 201)).toBe(true);
    expect(
      sandbox
        .conversations(groups.falcon.id)
        .map((c) => c.topic)
        .sort(),
    ).toEqual(drafts.map((d) => d.topic).sort());
  });

  test('a busy group does not hold up another group’s create', async () => {
    sandbox.setLatency(1_500, `/groups/${groups.falcon.id}/conversations`);
    const finished: string[] = [];
    const track = (label: string, data: Record<string, unknown>) =>
      submit(data).then((answer) => {
        finished.push(label);
        return answer;
      });

    const busy = Array.from({ length: 8 }, (_, i) => track('falcon', draft(groups.falcon.id, `Busy ${i}`)));
    await new Promise((resolve) => setTimeout(resolve, 100));
    const other = await track('marketing', draft(groups.marketing.id, 'Elsewhere'));
    await Promise.all(busy);

    expect(other).toContain('Conversation started');
    expect(finished[0]).toBe('marketing');
    expect(limit.throttled).toBe(0);
  });

  test('a check of a draft waiting for its turn says it is being posted, and posts nothing itself', async () => {
    sandbox.setLatency(1_000, '/conversations');
    const ahead = Array.from({ length: 4 }, (_, i) => submit(draft(groups.falcon.id, `Ahead ${i}`)));
    await new Promise((resolve) => setTimeout(resolve, 100));
    const waiting = draft(groups.falcon.id, 'Waiting');
    const queued = submit(waiting);
    await new Promise((resolve) => setTimeout(resolve, 100));

    const check = await bot.post(
      cardActionActivity(bot.connector.serviceUrl, 'checkConversation', { draftId: waiting.draftId }),
    );
    await Promise.all([...ahead, queued]);

    const answer = JSON.stringify(check.body);
    expect(answer).not.toContain('I have no record of this draft');
    expect(answer).toMatch(/Conversation started|taking longer than usual/);
    expect(creates()).toHaveLength(5);
  });
});
