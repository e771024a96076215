/**
 * One bot under the bench's load with a profiler on, to find where its CPU time or memory goes
 * (docs/performance.md). Not a measurement of speed: a profiler slows what it watches.
 *
 *   node dist-bench/bench/profile.js <floor|ours> <form|create|createPicker|all> <cpu|heap|memory> [rounds]
 *
 * cpu: `--cpu-prof` over the whole run, start-up included; prints self time by package and the top
 * functions.
 * heap: heap snapshots (each after a full collection) after the first and after the last round; prints
 * what grew in between by constructor and by what holds it, per request of the rounds between.
 * memory: no profiler; after each round the bot (with support/memory-probe.js preloaded) reports its V8
 * heap spaces (used/committed), external and array-buffer memory next to its RSS.
 * PROFILE_NODE_FLAGS adds node/V8 flags to the bot's command line. PROFILE_STORAGE=azurite runs ours with
 * Blob storage (STORAGE_CONNECTION_STRING) against Azurite, in memory, in a process of its own: production's
 * state store with more than one instance, which the bench leaves out (the floor keeps no state).
 * The raw files stay in the printed directory for Chrome DevTools.
 */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Azurite, startAzurite } from '../test/support/azurite';
import { TEAM } from '../test/support/teams-activities';
import { type BotProcess, launchBot, NODE_FLAGS } from './support/bot-process';
import { JOBS, send } from './support/jobs';
import { runLoad } from './support/load';
import { type BenchServices, CONNECTION_NAME, startServices } from './support/services';

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 400);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);

async function main(): Promise<void> {
  const [side, jobName, mode, roundsText] = process.argv.slice(2);
  // "all": every job in turn each round, as the bench runs them.
  const jobs = jobName === 'all' ? JOBS : JOBS.filter((candidate) => candidate.name === jobName);
  if ((side !== 'floor' && side !== 'ours') || jobs.length === 0 || !['cpu', 'heap', 'memory'].includes(mode))
    throw new Error(
      'usage: profile.js <floor|ours> <form|create|createPicker|all> <cpu|heap|memory> [rounds]',
    );
  const rounds = Number(roundsText ?? 6);
  const dir = mkdtempSync(join(tmpdir(), `profile-${side}-`));
  const flags =
    new Map([
      ['cpu', ['--cpu-prof', `--cpu-prof-dir=${dir}`, '--cpu-prof-interval=200']],
      ['heap', ['--heapsnapshot-signal=SIGUSR2']],
      ['memory', ['-r', join(__dirname, 'support', 'memory-probe.js')]],
    ]).get(mode) ?? [];
  const services = await startServices();
  let azurite: Azurite | undefined;
  let bot: BotProcess | undefined;
  try {
    if (process.env.PROFILE_STORAGE === 'azurite') azurite = await startAzurite();
    bot = await launchBot(
      side,
      '',
      {
        PATH: process.env.PATH ?? '',
        HOST: '127.0.0.1',
        ConnectionName: CONNECTION_NAME,
        OAuthUrl: services.tokens.url,
        GRAPH_BASE_URL: services.sandbox.baseUrl.toString(),
        // The floor posts to the team's group; ours reads it from the activity.
        BENCH_GROUP_ID: TEAM.aadGroupId,
        LOG_LEVEL: 'info',
        ...(azurite ? { STORAGE_CONNECTION_STRING: azurite.connectionString } : {}),
      },
      {
        file: process.execPath,
        args: [...NODE_FLAGS, ...flags, ...extraFlags(), join(__dirname, side, 'bot.js')],
        cwd: dir,
      },
    );
    for (let round = 1; round <= rounds; round++) {
      const cpuBefore = bot.cpuMs();
      let elapsedMs = 0;
      let failures = 0;
      for (const job of jobs) {
        const result = await runRound(services, bot, job);
        elapsedMs += result.elapsedMs;
        failures += result.failures;
      }
      const requests = REQUESTS * jobs.length;
      const cpuMs = bot.cpuMs() - cpuBefore;
      // The stand-ins are reset before each job: these counts are the last job's.
      const perRequest = (count: number) => (count / REQUESTS).toFixed(2);
      progress(
        `round ${round}: ${Math.round(requests / (elapsedMs / 1000))} req/s, ${(cpuMs / requests).toFixed(2)} CPU ms/request, ${failures} failures, RSS ${bot.memory().rssMb.toFixed(1)} MB; per request of ${jobs.at(-1)?.name}: token service ${perRequest(services.tokens.requests.length)}, Graph ${perRequest(services.sandbox.requests.length)}, connector ${perRequest(services.connector.sent.length + services.connector.teamLookups.length)}`,
      );
      if (mode === 'heap' && (round === 1 || round === rounds)) await snapshot(bot, dir);
      if (mode === 'memory') progress(`  ${await probe(bot)}`);
    }
  } finally {
    await bot?.stop();
    await azurite?.close();
    await services.close();
  }
  progress(`files in ${dir}`);
  if (mode === 'cpu') summariseCpu(dir);
  if (mode === 'heap') summariseHeap(dir, (rounds - 1) * REQUESTS * jobs.length);
}

async function runRound(services: BenchServices, bot: BotProcess, job: (typeof JOBS)[number]) {
  services.reset();
  return runLoad(REQUESTS, CONCURRENCY, () => send(bot.url, job, services.connector.serviceUrl));
}

/** PROFILE_NODE_FLAGS: more node/V8 flags for the bot, to try a setting (e.g. a GC one) before adopting it. */
function extraFlags(): string[] {
  return (process.env.PROFILE_NODE_FLAGS ?? '').split(' ').filter((flag) => flag.length > 0);
}

/** SIGUSR2 makes node write a snapshot on its main thread; /healthz answers once that is done. */
async function snapshot(bot: BotProcess, dir: string): Promise<void> {
  const before = snapshots(dir).length;
  process.kill(bot.pid, 'SIGUSR2');
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    await (await fetch(`${bot.url}/healthz`)).arrayBuffer();
    if (snapshots(dir).length > before) return;
  }
}

/** The probe's line for this round: the last one the bot wrote after the signal. */
async function probe(bot: BotProcess): Promise<string> {
  const seen = bot.errors().split('memory-probe ').length;
  process.kill(bot.pid, 'SIGUSR2');
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    const parts = bot.errors().split('memory-probe ');
    if (parts.length > seen) return (parts.at(-1) ?? '').split('\n')[0];
  }
}

function snapshots(dir: string): string[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith('.heapsnapshot'))
    .sort();
}

interface CpuProfile {
  nodes: Array<{ id: number; callFrame: { functionName: string; url: string; lineNumber: number } }>;
  samples: number[];
  timeDeltas: number[];
}

function summariseCpu(dir: string): void {
  const file = readdirSync(dir).find((name) => name.endsWith('.cpuprofile'));
  if (!file) throw new Error('no .cpuprofile written');
  const profile = JSON.parse(readFileSync(join(dir, file), 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const byPackage = new Map<string, number>();
  const byFunction = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, index) => {
    const node = byId.get(id);
    const ms = (profile.timeDeltas[index] ?? 0) / 1000;
    if (!node) return;
    total += ms;
    const { url, functionName, lineNumber } = node.callFrame;
    const where = packageOf(url, functionName);
    byPackage.set(where, (byPackage.get(where) ?? 0) + ms);
    const name = `${functionName || '(anonymous)'} ${url.replace(/^.*\/(node_modules|dist-bench)\//, '')}:${lineNumber + 1}`;
    byFunction.set(name, (byFunction.get(name) ?? 0) + ms);
  });
  progress(`\nself time ${total.toFixed(0)} ms, by package:`);
  for (const [name, ms] of top(byPackage, 30)) progress(`${ms.toFixed(0).padStart(7)} ms  ${name}`);
  progress('\ntop functions:');
  for (const [name, ms] of top(byFunction, 40)) progress(`${ms.toFixed(0).padStart(7)} ms  ${name}`);
}

function packageOf(url: string, functionName: string): string {
  if (!url) return `(${functionName || 'native'})`;
  const module = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (module) return module[1];
  const ours = /dist-bench\/(.*)\/[^/]+\.js$/.exec(url);
  if (ours) return ours[1];
  if (url.startsWith('node:')) return `node:${url.slice(5).split('/')[0]}`;
  return url;
}

/** The parts of V8's heap snapshot format this needs (meta describes the flat arrays). */
interface HeapSnapshot {
  snapshot: {
    meta: { node_fields: string[]; node_types: [string[]]; edge_fields: string[]; edge_types: [string[]] };
  };
  nodes: number[];
  edges: number[];
  strings: string[];
}

interface HeapSummary {
  total: number;
  /** Self size by "type name" (the constructor for objects). */
  byKind: Map<string, { bytes: number; count: number }>;
  /** Self size by what first holds it: "holder kind .edge". */
  byHolder: Map<string, { bytes: number; count: number }>;
}

function summariseHeap(dir: string, requestsBetween: number): void {
  const [first, last] = snapshots(dir);
  if (!first || !last) throw new Error('expected two heap snapshots');
  const before = readSnapshot(join(dir, first));
  const after = readSnapshot(join(dir, last));
  progress(
    `\nlive heap after round 1: ${mb(before.total)}, after the last: ${mb(after.total)}; ${((after.total - before.total) / requestsBetween).toFixed(0)} bytes per request in between`,
  );
  for (const [title, pick] of [
    ['by kind (constructor)', (summary: HeapSummary) => summary.byKind],
    ['by holder (first retainer and its edge)', (summary: HeapSummary) => summary.byHolder],
  ] as const) {
    const growth = new Map<string, number>();
    for (const [key, { bytes }] of pick(after)) growth.set(key, bytes - (pick(before).get(key)?.bytes ?? 0));
    progress(`\ngrowth ${title}, bytes per request:`);
    for (const [key, bytes] of top(growth, 25))
      progress(
        `${(bytes / requestsBetween).toFixed(1).padStart(9)}  ${key}  (${pick(after).get(key)?.count ?? 0} now)`,
      );
  }
}

function readSnapshot(path: string): HeapSummary {
  const heap = JSON.parse(readFileSync(path, 'utf8')) as HeapSnapshot;
  const { meta } = heap.snapshot;
  const nodeFields = meta.node_fields.length;
  const edgeFields = meta.edge_fields.length;
  const [typeAt, nameAt, sizeAt, edgeCountAt] = ['type', 'name', 'self_size', 'edge_count'].map((field) =>
    meta.node_fields.indexOf(field),
  );
  const [edgeTypeAt, edgeNameAt, toAt] = ['type', 'name_or_index', 'to_node'].map((field) =>
    meta.edge_fields.indexOf(field),
  );
  const nodeTypes = meta.node_types[0];
  const edgeTypes = meta.edge_types[0];
  const count = heap.nodes.length / nodeFields;
  const kindOf = (node: number) => {
    const type = nodeTypes[heap.nodes[node * nodeFields + typeAt]];
    return type === 'object' || type === 'closure' || type === 'native'
      ? `${type} ${heap.strings[heap.nodes[node * nodeFields + nameAt]]}`
      : type;
  };
  const holder = new Map<number, string>();
  let edge = 0;
  for (let node = 0; node < count; node++) {
    const edges = heap.nodes[node * nodeFields + edgeCountAt];
    for (let index = 0; index < edges; index++, edge += edgeFields) {
      const type = edgeTypes[heap.edges[edge + edgeTypeAt]];
      if (type === 'weak' || type === 'shortcut') continue;
      const to = heap.edges[edge + toAt] / nodeFields;
      if (holder.has(to)) continue;
      const name =
        type === 'element' || type === 'hidden'
          ? `[${type}]`
          : String(heap.strings[heap.edges[edge + edgeNameAt]] ?? '?').slice(0, 40);
      holder.set(to, `${kindOf(node)} .${name}`);
    }
  }
  const summary: HeapSummary = { total: 0, byKind: new Map(), byHolder: new Map() };
  for (let node = 0; node < count; node++) {
    const bytes = heap.nodes[node * nodeFields + sizeAt];
    summary.total += bytes;
    add(summary.byKind, kindOf(node), bytes);
    add(summary.byHolder, `${kindOf(node)} ← ${holder.get(node) ?? '(root)'}`, bytes);
  }
  return summary;
}

function add(map: Map<string, { bytes: number; count: number }>, key: string, bytes: number): void {
  const entry = map.get(key) ?? { bytes: 0, count: 0 };
  entry.bytes += bytes;
  entry.count += 1;
  map.set(key, entry);
}

function top(map: Map<string, number>, n: number): Array<[string, number]> {
  return [...map].sort((a, b) => b[1] - a[1]).slice(0, n);
}

function mb(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

function progress(line: string): void {
  process.stdout.write(`${line}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
