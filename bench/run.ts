/**
 * Measures what the bot adds on top of Graph. Every figure is printed as a ratio against a floor measured in
 * the same run on the same machine, so results compare across machines:
 *   floor  = POST /groups/{id}/conversations straight to the Graph sandbox over HTTP
 *   submit = the same conversation created through /api/messages (adaptiveCard/action invoke: validation,
 *            $batch look-up, group check, ledger, card rendering)
 *   form   = a chat message answered with the form card (group list from Graph + render + connector send)
 * Run: npm run bench  (never part of npm test: timings are noisy).
 */
import { randomUUID } from 'node:crypto';
import { DEMO_TENANT } from '../sandbox/demo-tenant';
import { mintSandboxToken } from '../sandbox/tokens';
import { startBotHarness } from '../test/support/bot-harness';
import { cardActionActivity, messageActivity } from '../test/support/teams-activities';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 200);
const { groups, users } = DEMO_TENANT;

async function time(label: string, rounds: number, run: () => Promise<void>): Promise<number[]> {
  for (let i = 0; i < 20; i++) await run();
  const samples: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const started = process.hrtime.bigint();
    await run();
    samples.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  samples.sort((a, b) => a - b);
  process.stdout.write(
    `${label.padEnd(8)} p50 ${p(samples, 0.5).toFixed(2)} ms  p95 ${p(samples, 0.95).toFixed(2)} ms\n`,
  );
  return samples;
}

function p(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

async function main(): Promise<void> {
  const bot = await startBotHarness({ env: { LOG_LEVEL: 'error' } });
  const token = mintSandboxToken({ oid: users.alex.id });
  const body = {
    topic: 'Bench',
    threads: [{ posts: [{ body: { contentType: 'html', content: 'x' }, newParticipants: [] }] }],
  };
  const floor = await time('floor', ROUNDS, async () => {
    const response = await fetch(`${bot.sandbox.baseUrl}/groups/${groups.falcon.id}/conversations`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    await response.text();
  });
  const submit = await time('submit', ROUNDS, async () => {
    const data = {
      draftId: randomUUID(),
      groupId: groups.falcon.id,
      topic: 'Bench',
      body: 'Line one\nLine <two>',
      participants: `${users.megan.id},${users.lee.id}`,
      emails: 'guest@fabrikam.com',
    };
    await bot.post(cardActionActivity(bot.connector.serviceUrl, 'createConversation', data));
  });
  const form = await time('form', ROUNDS, async () => {
    await bot.post(messageActivity(bot.connector.serviceUrl, 'Bench topic'));
  });
  for (const [label, samples] of [
    ['submit', submit],
    ['form', form],
  ] as const)
    process.stdout.write(
      `${label}/floor p50 ratio ${(p(samples, 0.5) / p(floor, 0.5)).toFixed(2)}x  p95 ratio ${(p(samples, 0.95) / p(floor, 0.95)).toFixed(2)}x\n`,
    );
  await bot.close();
}

void main();
