import fc from 'fast-check';
import { DEMO_TENANT } from '../../sandbox/demo-tenant';
import { type BotHarness, startBotHarness } from '../support/bot-harness';
import { hostileRequest, teamsActivity } from '../support/hostile-activities';
import { rawRequest } from '../support/raw-http';
import { messageActivity } from '../support/teams-activities';
import { Teardown } from '../support/teardown';

/**
 * Property: whatever a client posts to /api/messages (every kind of activity, hostile values, broken
 * envelopes, foreign tenants, raw bytes), the bot answers below 500, none of our code throws, no promise is
 * left rejected, and the bot is healthy afterwards. A fixed seed makes every run the same: `npm test` runs
 * 2,000 activities and 500 raw requests; `npm run fuzz` runs 50,000 activities (FUZZ_RUNS overrides;
 * FUZZ_STATS=1 prints how many answers of each status there were).
 */

const SEED = 20_261_127;
const RUNS = Number(process.env.FUZZ_RUNS ?? (process.env.npm_lifecycle_event === 'fuzz' ? 50_000 : 2_000));
const RAW_RUNS = Math.max(500, Math.round(RUNS / 4));

let bot: BotHarness;
const teardown = new Teardown();
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown): void => {
  unhandled.push(reason);
};

beforeAll(async () => {
  process.on('unhandledRejection', onUnhandled);
  bot = teardown.add(
    await startBotHarness({
      env: { ALLOWED_TENANT_IDS: DEMO_TENANT.tenantId, INVOKE_BUDGET_MS: '2000', LOG_LEVEL: 'warn' },
    }),
    (harness) => harness.close(),
  );
});
afterAll(async () => {
  process.off('unhandledRejection', onUnhandled);
  await teardown.run();
});

/** Log events that mean our own code threw (as opposed to refusing a request). */
const FAILURES = new Set([
  'http.failed',
  'turn.failed',
  'invoke.failed',
  'turn.error_reply_failed',
  'draft.attempt_crashed',
]);

function failuresLogged(): unknown[] {
  return bot.logLines
    .map((line) => JSON.parse(line) as { event: string })
    .filter((entry) => FAILURES.has(entry.event));
}

test(
  `${RUNS} generated activities and invokes of every kind: no 5xx, no exception, no unhandled rejection`,
  async () => {
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(teamsActivity(bot.connector.serviceUrl), async (activity) => {
        bot.logLines.length = 0;
        const response = await rawRequest(`${bot.app.url}/api/messages`, {
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify(activity),
        });
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
        if (response.text.length > 0) JSON.parse(response.text);
        expect(response.status).toBeLessThan(500);
        expect(failuresLogged()).toEqual([]);
        // Growth is the sandbox's and the connector's bookkeeping, not the bot's: keep the run flat.
        bot.connector.sent.length = 0;
      }),
      { seed: SEED, numRuns: RUNS, endOnFailure: true },
    );
    if (process.env.FUZZ_STATS)
      process.stdout.write(
        `${JSON.stringify([...statuses])} conversations=${bot.sandbox.conversations().length}\n`,
      );
    // Every kind of outcome was exercised, not only refusals.
    expect([...statuses.keys()]).toEqual(expect.arrayContaining([200, 400, 403]));
    expect(unhandled).toEqual([]);
  },
  Math.max(120_000, RUNS * 60),
);

test(
  `${RAW_RUNS} raw requests (any content type, encoding and bytes): always a 2xx or 4xx answer`,
  async () => {
    await fc.assert(
      fc.asyncProperty(hostileRequest, async ({ contentType, encoding, body }) => {
        const response = await rawRequest(`${bot.app.url}/api/messages`, {
          headers: {
            'Content-Type': contentType,
            ...(encoding === null ? {} : { 'Content-Encoding': encoding }),
          },
          body,
        });
        expect(response.status).toBeGreaterThanOrEqual(200);
        expect(response.status).toBeLessThan(500);
      }),
      { seed: SEED, numRuns: RAW_RUNS, endOnFailure: true },
    );
    expect(unhandled).toEqual([]);
  },
  Math.max(60_000, RAW_RUNS * 20),
);

test('afterwards the bot is healthy: the probe answers and a chat message gets the form', async () => {
  bot.reset();
  expect((await fetch(`${bot.app.url}/healthz`)).status).toBe(200);
  expect((await bot.post(messageActivity(bot.connector.serviceUrl, 'Still here'))).status).toBe(200);
  expect(JSON.stringify(bot.connector.sent)).toContain('"value":"Still here"');
});
