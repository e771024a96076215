import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { MemoryStorage } from 'botbuilder';
import { DEMO_TENANT } from '../../sandbox/demo-tenant';
import { startGraphSandbox } from '../../sandbox/graph-sandbox';
import { MemoryClaimStore } from '../../src/storage/claims';
import { MEMORY_CLAIM_LIMITS, MEMORY_STATE_LIMITS } from '../../src/storage/limits';
import { BoundedMemoryStorage } from '../../src/storage/memory-storage';
import { type BotHarness, startBotHarness } from '../support/bot-harness';
import { gzipOfZeros } from '../support/gzip-bomb';
import { rawRequest } from '../support/raw-http';
import { cardActionActivity } from '../support/teams-activities';
import { Teardown } from '../support/teardown';

/**
 * The figures in docs/security.md, measured on this machine: `npm run measure:security` (not part of
 * `npm test`; runs with --expose-gc so heap figures are after a full collection). DRAFTS overrides 100,000.
 */

const DRAFTS = Number(process.env.DRAFTS ?? 100_000);
const CONCURRENCY = 32;
const MiB = 1024 * 1024;
const { groups } = DEMO_TENANT;

let bot: BotHarness;
const teardown = new Teardown();

beforeAll(async () => {
  bot = teardown.add(await startBotHarness({ env: { LOG_LEVEL: 'error' } }), (harness) => harness.close());
});
afterAll(() => teardown.run());

function memory(): { rssMiB: number; heapMiB: number } {
  (globalThis as { gc?: () => void }).gc?.();
  const { rss, heapUsed } = process.memoryUsage();
  return { rssMiB: Math.round(rss / MiB), heapMiB: Math.round(heapUsed / MiB) };
}

function report(label: string, figures: Record<string, unknown>): void {
  process.stdout.write(`${label}: ${JSON.stringify(figures)}\n`);
}

test('gzip bombs: time to the answer and memory growth', async () => {
  for (const inflated of [100 * MiB, 560 * MiB]) {
    const bomb = await gzipOfZeros(inflated);
    const before = memory();
    const started = performance.now();
    const response = await rawRequest(`${bot.app.url}/api/messages`, {
      headers: { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' },
      body: bomb,
    });
    const ms = Math.round((performance.now() - started) * 10) / 10;
    const after = memory();
    report(`gzip bomb ${Math.round(bomb.length / 1024)} KB -> ${inflated / MiB} MiB`, {
      status: response.status,
      ms,
      rssGrowthMiB: after.rssMiB - before.rssMiB,
    });
    expect(response.status).toBe(415);
  }
}, 120_000);

test(`bot RSS after ${DRAFTS} posted drafts (the bot in a process of its own)`, async () => {
  const sandbox = teardown.add(await startGraphSandbox(), (started) => started.close());
  const child = spawn(
    process.execPath,
    ['--expose-gc', '-r', join(__dirname, 'swc-register.js'), join(__dirname, 'bot-process.ts')],
    {
      env: { ...process.env, GRAPH_BASE_URL: sandbox.baseUrl },
      stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
    },
  );
  teardown.add(child, (process) => process.kill());
  const url = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`bot process exited (${code})`)));
    child.stdout?.on('data', (chunk: Buffer) => {
      const ready = /READY (\S+)/.exec(chunk.toString('utf8'));
      if (ready) resolve(ready[1]);
    });
  });
  const childMemory = (): Promise<{ rssMiB: number; heapMiB: number }> =>
    new Promise((resolve) => {
      child.once('message', (usage) => {
        const { rss, heapUsed } = usage as NodeJS.MemoryUsage;
        resolve({ rssMiB: Math.round(rss / MiB), heapMiB: Math.round(heapUsed / MiB) });
      });
      child.send('memory');
    });

  const start = await childMemory();
  report('bot before any draft', start);
  let next = 0;
  let posted = 0;
  const started = performance.now();
  const worker = async (): Promise<void> => {
    while (next < DRAFTS) {
      next += 1;
      const n = next;
      const activity = cardActionActivity(bot.connector.serviceUrl, 'createConversation', {
        draftId: randomUUID(),
        linkedGroupId: '',
        groupChoices: [{ id: groups.falcon.id, displayName: groups.falcon.displayName }],
        groupId: groups.falcon.id,
        topic: `Weekly sync ${n}`,
        body: 'Agenda: budget, hiring and the launch date. Please add your items before Thursday.',
        participants: '',
        emails: 'guest@fabrikam.com',
      });
      const response = await fetch(`${url}/api/messages`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(activity),
      });
      if (response.status === 200 && (await response.text()).includes('Conversation started')) posted += 1;
      // The sandbox keeps every conversation it is sent; it is not the bot, so it is emptied as we go.
      if (n % 2_000 === 0) sandbox.reset();
      if (n % 20_000 === 0)
        report(`bot after ${n} drafts`, {
          ...(await childMemory()),
          seconds: Math.round((performance.now() - started) / 1000),
        });
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  // Settled: the last requests' buffers freed, as an idle bot would be.
  await new Promise((resolve) => setTimeout(resolve, 5_000));
  const end = await childMemory();
  report(
    `bot after ${DRAFTS} drafts (${posted} posted, state limits: ${process.env.STATE_LIMITS ?? 'as shipped'})`,
    {
      ...end,
      rssGrowthMiB: end.rssMiB - start.rssMiB,
    },
  );
  expect(posted).toBe(DRAFTS);
}, 3_600_000);

/** A posted draft as the ledger stores it: about 1.7 KB of JSON. */
function postedRecord(i: number): Record<string, unknown> {
  const draftId = randomUUID();
  const values = {
    topic: `Weekly sync ${i}`,
    body: 'Agenda: budget, hiring and the launch date. Please add your items before Thursday.',
    participants: `${DEMO_TENANT.users.megan.id},${DEMO_TENANT.users.lee.id}`,
    emails: 'guest@fabrikam.com',
    groupId: groups.falcon.id,
  };
  return {
    draftId,
    author: {
      userKey: `${DEMO_TENANT.tenantId}/${DEMO_TENANT.users.alex.id}`,
      mri: `29:1${randomUUID()}`,
      name: 'Alex Wilber',
    },
    draft: {
      target: {
        kind: 'choice',
        groups: Object.values(groups).map(({ id, displayName }) => ({ id, displayName })),
      },
      values,
    },
    firstPostAt: new Date().toISOString(),
    state: {
      phase: 'created',
      confirmation: {
        draftId,
        conversationId: `AAQkAGI2NGVh${randomUUID()}`,
        threadId: `AAQkAGI2NGVhMkAB${randomUUID()}`,
        topic: values.topic,
        groupId: groups.falcon.id,
        groupName: groups.falcon.displayName,
        participants: [
          { name: 'Megan Bowen', address: 'meganb@contoso.onmicrosoft.com' },
          { name: 'Lee Gu', address: 'leeg@contoso.onmicrosoft.com' },
          { name: 'guest@fabrikam.com', address: 'guest@fabrikam.com' },
        ],
        createdAt: new Date().toISOString(),
        startedBy: 'Alex Wilber',
        preview: values.body,
      },
    },
    eTag: '*',
  };
}

test(`state alone: ${DRAFTS} posted drafts in botbuilder's MemoryStorage and in the bounded store`, async () => {
  for (const [label, storage, claims] of [
    [
      'botbuilder MemoryStorage, claims kept for ever',
      new MemoryStorage(),
      new MemoryClaimStore({ ttlMs: Number.POSITIVE_INFINITY, maxBytes: Number.POSITIVE_INFINITY }),
    ],
    [
      'BoundedMemoryStorage and claims as shipped',
      new BoundedMemoryStorage(MEMORY_STATE_LIMITS),
      new MemoryClaimStore(MEMORY_CLAIM_LIMITS),
    ],
  ] as const) {
    const before = memory();
    for (let i = 0; i < DRAFTS; i++) {
      const record = postedRecord(i);
      const key = `draft/${DEMO_TENANT.tenantId}/${record.draftId}`;
      await storage.write({ [key]: record });
      await claims.claimFor(`author/${key}`, String((record.author as { userKey: string }).userKey));
    }
    const after = memory();
    report(label, {
      heapGrowthMiB: after.heapMiB - before.heapMiB,
      bytesPerDraft: Math.round(((after.heapMiB - before.heapMiB) * MiB) / DRAFTS),
      recordJsonBytes: JSON.stringify(postedRecord(0)).length,
    });
    expect(after.heapMiB).toBeGreaterThan(0);
  }
}, 600_000);
