import { DEMO_TENANT } from '../../sandbox/demo-tenant';
import { type Azurite, startAzurite } from '../support/azurite';
import { type BotHarness, startBotHarness } from '../support/bot-harness';
import { cardActionActivity, formSubmitData } from '../support/teams-activities';
import { Teardown } from '../support/teardown';

/**
 * What an operator relies on: /readyz (storage reachable, not draining), one correlation id per turn in the
 * logs next to Graph's request-id, and a SIGTERM that lets turns and posts in flight finish.
 */

const { users, groups } = DEMO_TENANT;
const teardown = new Teardown();
afterEach(() => teardown.run());

function start(env: Record<string, string> = {}): Promise<BotHarness> {
  return teardown.track(startBotHarness({ env }), (bot) => bot.close());
}

function submission(topic: string): Record<string, unknown> {
  return formSubmitData({ topic, body: 'Notes by Friday.', participants: users.megan.id });
}

function submit(bot: BotHarness, topic: string): Promise<{ status: number; body: unknown }> {
  return bot.post(cardActionActivity(bot.connector.serviceUrl, 'createConversation', submission(topic)));
}

interface LogLine {
  event: string;
  correlationId?: string;
  requestId?: string;
}

function logs(bot: BotHarness): LogLine[] {
  return bot.logLines.map((line) => JSON.parse(line) as LogLine);
}

describe('GET /readyz', () => {
  test('in memory: ready, with no storage check', async () => {
    const bot = await start();
    const response = await fetch(`${bot.app.url}/readyz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ready', checks: {} });
  });

  test('blob storage: ready while the account answers, 503 without details once it does not', async () => {
    const azurite: Azurite = await teardown.track(startAzurite(), (started) => started.close());
    const bot = await start({ STORAGE_CONNECTION_STRING: azurite.connectionString });
    const ready = await fetch(`${bot.app.url}/readyz`);
    expect([ready.status, await ready.json()]).toEqual([200, { status: 'ready', checks: { storage: 'ok' } }]);

    await azurite.close();
    const down = await fetch(`${bot.app.url}/readyz`);
    expect(down.status).toBe(503);
    expect(await down.json()).toEqual({
      status: 'not_ready',
      checks: { storage: expect.stringMatching(/^(failing|timeout)$/) },
    });
    // The reason is for the operator's log, not for whoever probes the endpoint.
    expect(logs(bot).map((line) => line.event)).toContain('readiness.failed');
    // Liveness is unaffected: restarting the process would not bring the storage account back.
    expect((await fetch(`${bot.app.url}/healthz`)).status).toBe(200);
  }, 30_000);
});

describe('correlation ids', () => {
  test("a failed submit's log line names its turn next to Graph's request-id; the next turn has its own id", async () => {
    const bot = await start();
    bot.sandbox.failNext(1, { status: 403, code: 'ErrorAccessDenied', path: '/conversations' });
    await submit(bot, 'First');
    await submit(bot, 'Second');

    const answered = logs(bot).filter((line) => line.event === 'draft.answered');
    expect(answered).toEqual([
      expect.objectContaining({
        correlationId: expect.stringMatching(/^[0-9a-f-]{36}$/),
        requestId: expect.any(String),
      }),
      expect.objectContaining({ correlationId: expect.stringMatching(/^[0-9a-f-]{36}$/) }),
    ]);
    expect(answered[0].correlationId).not.toBe(answered[1].correlationId);
    // Start-up lines belong to no turn.
    expect(logs(bot).find((line) => line.event === 'storage.in_memory')?.correlationId).toBeUndefined();
  });

  test('two turns at once keep their own ids', async () => {
    const bot = await start();
    await Promise.all([submit(bot, 'One'), submit(bot, 'Two')]);
    const answered = logs(bot).filter((line) => line.event === 'draft.answered');
    expect(answered).toHaveLength(2);
    expect(new Set(answered.map((line) => line.correlationId)).size).toBe(2);
  });
});

describe('graceful shutdown', () => {
  test('a submit in flight when SIGTERM arrives is answered and posted; then nothing new is accepted', async () => {
    const bot = await start({ INVOKE_BUDGET_MS: '4000' });
    bot.sandbox.setLatency(1_500, '/conversations');
    const answer = submit(bot, 'In flight');
    await waitFor(() => bot.sandbox.requests.some((r) => r.path.endsWith('/conversations')));

    const drained = await bot.app.shutdown(8_000);
    expect(drained).toMatchObject({ drained: true, requests: 0, posts: 0 });
    expect((await answer).status).toBe(200);
    expect(JSON.stringify((await answer).body)).toContain('Conversation started');
    expect(bot.sandbox.conversations(groups.falcon.id).map((c) => c.topic)).toEqual(['In flight']);
    await expect(fetch(`${bot.app.url}/healthz`)).rejects.toThrow();
  }, 30_000);

  test('a post that outlived its invoke (the "Posting…" card) is waited for, not cut off', async () => {
    const bot = await start({ INVOKE_BUDGET_MS: '600' });
    bot.sandbox.setLatency(1_500, '/conversations');
    const answer = await submit(bot, 'Slow Graph');
    expect(JSON.stringify(answer.body)).toMatch(/Posting/);

    const drained = await bot.app.shutdown(8_000);
    expect(drained).toMatchObject({ drained: true, posts: 0 });
    expect(bot.sandbox.conversations(groups.falcon.id).map((c) => c.topic)).toEqual(['Slow Graph']);
  }, 30_000);

  test('the grace period bounds the wait and says what was still running', async () => {
    const bot = await start({ INVOKE_BUDGET_MS: '600' });
    bot.sandbox.setLatency(3_000, '/conversations');
    await submit(bot, 'Too slow');
    const drained = await bot.app.shutdown(300);
    expect(drained).toMatchObject({ drained: false, posts: 1 });
    expect(drained.elapsedMs).toBeLessThan(2_000);
  }, 30_000);
});

async function waitFor(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
