/**
 * `npm run bench`: our bot against a floor bot (bench/floor/bot.ts, the least a botbuilder bot can do for
 * the same jobs), each in its own process, started the same way, talking to the same Graph sandbox, token
 * service and Teams connector stand-ins. Prints per job req/s, p50, p99, CPU ms per request, Graph requests
 * per conversation and the ratios ours / floor; RSS before/after/peak; start-up time; a burst of creates to
 * one group against Outlook's 4-in-flight limit. Writes the same as JSON to bench/results/latest.json.
 * Only ratios from one run compare: absolute numbers depend on the machine. Never part of `npm test`.
 *
 * Settings (environment): BENCH_CONCURRENCY (16), BENCH_REQUESTS (400 a round), BENCH_WARMUP (4 rounds),
 * BENCH_ROUNDS (6 measured rounds: 10 rounds in all, over which RSS must stay flat), BENCH_NPM_START (1:
 * also time `npm start`; 0 skips it).
 */
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEMO_TENANT } from '../sandbox/demo-tenant';
import { CHANNEL_SCOPE, cardActionActivity, TEAM } from '../test/support/teams-activities';
import { type BotProcess, launchBot } from './support/bot-process';
import { JOBS, type Job, send } from './support/jobs';
import { median, percentile, runLoad } from './support/load';
import { startMailboxLimit } from './support/mailbox-limit';
import {
  type BenchReport,
  type BotJobStats,
  type BurstReport,
  formatReport,
  type JobReport,
  machine,
  round,
} from './support/report';
import { BENCH_USER, type BenchServices, CONNECTION_NAME, startServices } from './support/services';

const ROOT = join(__dirname, '..', '..');
const CONCURRENCY = setting('BENCH_CONCURRENCY', 16);
const REQUESTS = setting('BENCH_REQUESTS', 400);
const WARMUP = setting('BENCH_WARMUP', 4);
const ROUNDS = setting('BENCH_ROUNDS', 6);
/** Start-up is short and one busy moment skews it: the median of several launches, and the fastest. */
const STARTUP_TRIALS = 5;
const BURST = 20;
/** How long the Graph stand-in takes to create a conversation in the burst: enough for requests to pile up. */
const BURST_CREATE_MS = 200;

type Side = 'floor' | 'ours';
const SIDES: readonly Side[] = ['floor', 'ours'];
const ENTRIES: Record<Side, string> = {
  floor: join(__dirname, 'floor', 'bot.js'),
  ours: join(__dirname, 'ours', 'bot.js'),
};

interface Samples {
  latenciesMs: number[];
  elapsedMs: number;
  requests: number;
  cpuMs: number;
  graphRequests: number;
  conversations: number;
  failures: number;
}

async function main(): Promise<void> {
  const report: Partial<BenchReport> = {
    when: new Date().toISOString(),
    machine: machine(),
    settings: {
      concurrency: CONCURRENCY,
      requestsPerRound: REQUESTS,
      warmupRounds: WARMUP,
      measuredRounds: ROUNDS,
    },
  };
  progress(`${report.machine?.cpus} × ${report.machine?.model}, load average ${report.machine?.loadAverage}`);
  const services = await startServices();
  try {
    const startup = await measureStartup(services);
    const bots = {
      floor: await launch('floor', services, services.sandbox.baseUrl),
      ours: await launch('ours', services, services.sandbox.baseUrl),
    };
    startup.samplesFloorMs.push(round(bots.floor.startupMs, 0));
    startup.samplesOursMs.push(round(bots.ours.startupMs, 0));
    startup.floorMs = median(startup.samplesFloorMs);
    startup.oursMs = median(startup.samplesOursMs);
    try {
      const { jobs, memory } = await measureLoad(services, bots);
      report.jobs = jobs;
      report.memory = memory;
    } finally {
      await Promise.all(SIDES.map((side) => bots[side].stop()));
    }
    if (process.env.BENCH_NPM_START !== '0') Object.assign(startup, await measureNpmStart());
    report.startup = startup;
    report.burst = { ours: await burst('ours', services), floor: await burst('floor', services) };
  } finally {
    await services.close();
  }
  report.targets = targets(report as BenchReport);
  const full = report as BenchReport;
  const results = join(ROOT, 'bench', 'results', 'latest.json');
  mkdirSync(join(ROOT, 'bench', 'results'), { recursive: true });
  writeFileSync(results, `${JSON.stringify(full, null, 2)}\n`);
  // In the repository's own format, so `npm test`'s `biome check .` passes with the file in the tree.
  spawnSync(join(ROOT, 'node_modules', '.bin', 'biome'), ['format', '--write', results], { cwd: ROOT });
  process.stdout.write(`\n${formatReport(full)}\nWritten to bench/results/latest.json\n`);
}

function launch(side: Side, services: BenchServices, graphBaseUrl: string): Promise<BotProcess> {
  return launchBot(side, ENTRIES[side], {
    PATH: process.env.PATH ?? '',
    HOST: '127.0.0.1',
    ConnectionName: CONNECTION_NAME,
    OAuthUrl: services.tokens.url,
    GRAPH_BASE_URL: graphBaseUrl,
    BENCH_GROUP_ID: TEAM.aadGroupId,
    LOG_LEVEL: 'info',
  });
}

async function measureStartup(services: BenchServices): Promise<BenchReport['startup']> {
  const samples: Record<Side, number[]> = { floor: [], ours: [] };
  for (let trial = 0; trial < STARTUP_TRIALS; trial++) {
    for (const side of trial % 2 === 0 ? SIDES : [...SIDES].reverse()) {
      const bot = await launch(side, services, services.sandbox.baseUrl);
      samples[side].push(round(bot.startupMs, 0));
      await bot.stop();
    }
  }
  progress(`start-up: floor ${samples.floor.join(', ')} ms; ours ${samples.ours.join(', ')} ms`);
  return { floorMs: 0, oursMs: 0, samplesFloorMs: samples.floor, samplesOursMs: samples.ours };
}

async function measureLoad(
  services: BenchServices,
  bots: Record<Side, BotProcess>,
): Promise<Pick<BenchReport, 'jobs' | 'memory'>> {
  const samples = new Map<string, Samples>();
  const perRound: Record<Side, number[]> = { floor: [], ours: [] };
  const before = { floor: bots.floor.memory().rssMb, ours: bots.ours.memory().rssMb };
  for (let roundIndex = 0; roundIndex < WARMUP + ROUNDS; roundIndex++) {
    const measured = roundIndex >= WARMUP;
    const order = roundIndex % 2 === 0 ? SIDES : [...SIDES].reverse();
    for (const job of JOBS) {
      for (const side of order) {
        const result = await runJob(services, bots[side], job);
        if (!measured) continue;
        const key = `${job.name}/${side}`;
        const sofar = samples.get(key) ?? {
          latenciesMs: [],
          elapsedMs: 0,
          requests: 0,
          cpuMs: 0,
          graphRequests: 0,
          conversations: 0,
          failures: 0,
        };
        sofar.latenciesMs.push(...result.latenciesMs);
        sofar.elapsedMs += result.elapsedMs;
        sofar.requests += result.requests;
        sofar.cpuMs += result.cpuMs;
        sofar.graphRequests += result.graphRequests;
        sofar.conversations += result.conversations;
        sofar.failures += result.failures;
        samples.set(key, sofar);
      }
    }
    for (const side of SIDES) perRound[side].push(round(bots[side].memory().rssMb, 1));
    progress(
      `round ${roundIndex + 1}/${WARMUP + ROUNDS}${measured ? '' : ' (warm-up)'}: RSS floor ${perRound.floor.at(-1)} MB, ours ${perRound.ours.at(-1)} MB`,
    );
  }
  const jobs: Record<string, JobReport> = {};
  for (const job of JOBS) {
    const floor = stats(samples.get(`${job.name}/floor`), job);
    const ours = stats(samples.get(`${job.name}/ours`), job);
    jobs[job.name] = {
      label: job.label,
      floor,
      ours,
      ratios: {
        throughput: round(ours.requestsPerSecond / floor.requestsPerSecond),
        p99: round(ours.p99Ms / floor.p99Ms),
        cpu: round(ours.cpuMsPerRequest / floor.cpuMsPerRequest),
      },
    };
  }
  const memoryOf = (side: Side) => ({
    beforeMb: round(before[side], 1),
    afterMb: round(bots[side].memory().rssMb, 1),
    afterMedianMb: round(median(perRound[side].slice(WARMUP)), 1),
    peakMb: round(bots[side].memory().peakRssMb, 1),
    perRoundMb: perRound[side],
  });
  const growth = (series: number[]) =>
    round((series.at(-1) ?? 0) - (series[WARMUP - 1] ?? series[0] ?? 0), 1);
  const floorMemory = memoryOf('floor');
  const oursMemory = memoryOf('ours');
  return {
    jobs,
    memory: {
      floor: floorMemory,
      ours: oursMemory,
      ratioAfter: round(oursMemory.afterMedianMb / floorMemory.afterMedianMb),
      oursGrowthMbOverMeasuredRounds: growth(perRound.ours),
      floorGrowthMbOverMeasuredRounds: growth(perRound.floor),
    },
  };
}

async function runJob(
  services: BenchServices,
  bot: BotProcess,
  job: Job,
): Promise<Omit<Samples, 'latenciesMs'> & { latenciesMs: number[] }> {
  services.reset();
  const cpuBefore = bot.cpuMs();
  const result = await runLoad(REQUESTS, CONCURRENCY, () =>
    send(bot.url, job, services.connector.serviceUrl),
  );
  const cpuMs = bot.cpuMs() - cpuBefore;
  // A message job's answer is the card sent to the connector: one per request, or it failed.
  const missingCards = job.creates ? 0 : Math.max(0, REQUESTS - services.connector.sent.length);
  return {
    ...result,
    failures: result.failures + missingCards,
    cpuMs,
    graphRequests: services.sandbox.requests.filter((request) => !request.viaBatch).length,
    conversations: services.sandbox.conversations().length,
  };
}

function stats(samples: Samples | undefined, job: Job): BotJobStats {
  if (!samples) throw new Error(`no samples for ${job.name}`);
  return {
    requestsPerSecond: round(samples.requests / (samples.elapsedMs / 1000), 0),
    p50Ms: round(percentile(samples.latenciesMs, 0.5), 1),
    p99Ms: round(percentile(samples.latenciesMs, 0.99), 1),
    cpuMsPerRequest: round(samples.cpuMs / samples.requests),
    graphRequestsPerConversation: job.creates
      ? round(samples.graphRequests / Math.max(1, samples.conversations))
      : undefined,
    failures: samples.failures,
  };
}

/** `npm start` as a developer runs it, after the bench made sure dist/ is current. */
async function measureNpmStart(): Promise<Partial<BenchReport['startup']>> {
  const prepared = Date.now();
  const preparation = spawnSync(process.execPath, [join(ROOT, 'scripts', 'fresh-build.js')], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  if (preparation.status !== 0) throw new Error(`scripts/fresh-build.js failed:\n${preparation.stderr}`);
  const preparationRebuildMs = preparation.stdout.includes('Rebuilding') ? Date.now() - prepared : undefined;
  const samples: number[] = [];
  for (let trial = 0; trial < STARTUP_TRIALS; trial++) {
    const bot = await launchBot(
      'npm start',
      '',
      { ...process.env, GRAPH_SANDBOX_PORT: '0', LOG_LEVEL: 'warn' } as Record<string, string>,
      { file: 'npm', args: ['start', '--silent'], cwd: ROOT },
    );
    samples.push(round(bot.startupMs, 0));
    await bot.stop();
    if (bot.output().includes('Rebuilding')) throw new Error('npm start rebuilt although dist/ was current');
  }
  progress(`npm start: ${samples.join(', ')} ms`);
  return { npmStartMs: median(samples), samplesNpmStartMs: samples, preparationRebuildMs };
}

/** 20 creates to one group at once, against a Graph that allows 4 in flight per mailbox. */
async function burst(side: Side, services: BenchServices): Promise<BurstReport> {
  services.reset();
  const limit = await startMailboxLimit({ target: services.sandbox.origin, retryAfterSeconds: 1 });
  const bot = await launch(side, services, limit.baseUrl);
  try {
    services.sandbox.setLatency(BURST_CREATE_MS, '/conversations');
    const started = Date.now();
    const answers = await Promise.all(
      Array.from({ length: BURST }, () =>
        send(bot.url, burstJob, services.connector.serviceUrl).catch(() => false),
      ),
    );
    const result: BurstReport = {
      submits: BURST,
      userVisibleFailures: answers.filter((ok) => !ok).length,
      throttled: limit.throttled,
      peakInFlight: limit.peakInFlight,
      wallMs: Date.now() - started,
    };
    progress(`burst (${side}): ${JSON.stringify(result)}`);
    return result;
  } finally {
    await bot.stop();
    await limit.close();
    services.reset();
  }
}

const burstJob: Job = {
  ...(JOBS.find((job) => job.name === 'create') as Job),
  activity: (serviceUrl) =>
    cardActionActivity(
      serviceUrl,
      'createConversation',
      {
        draftId: randomUUID(),
        linkedGroupId: TEAM.aadGroupId,
        linkedGroupName: TEAM.name,
        topic: 'Burst',
        body: 'One of twenty at once',
        emails: DEMO_TENANT.users.megan.mail ?? '',
      },
      CHANNEL_SCOPE,
      BENCH_USER,
    ),
};

function targets(report: BenchReport): BenchReport['targets'] {
  const list: BenchReport['targets'] = [];
  for (const name of ['form', 'create'] as const) {
    const job = report.jobs[name];
    list.push(
      {
        target: `${name}: throughput ≥ 0.8× floor`,
        value: `${job.ratios.throughput}×`,
        met: job.ratios.throughput >= 0.8,
      },
      { target: `${name}: p99 ≤ 1.5× floor`, value: `${job.ratios.p99}×`, met: job.ratios.p99 <= 1.5 },
    );
  }
  const create = report.jobs.create.ours.graphRequestsPerConversation;
  const picker = report.jobs.createPicker.ours.graphRequestsPerConversation;
  list.push(
    {
      target: 'Graph requests per conversation, group known, typed addresses = 1',
      value: String(create),
      met: create === 1,
    },
    { target: 'with people-picker ids: one $batch more = 2', value: String(picker), met: picker === 2 },
    {
      target: 'RSS after load ≤ 1.25× floor',
      value: `${report.memory.ratioAfter}×`,
      met: report.memory.ratioAfter <= 1.25,
    },
    {
      target: 'RSS flat over the measured rounds (< 5% growth)',
      value: `${report.memory.oursGrowthMbOverMeasuredRounds} MB`,
      met: report.memory.oursGrowthMbOverMeasuredRounds < 0.05 * report.memory.ours.afterMb,
    },
    {
      target: 'start to ready ≤ floor + 500 ms (node)',
      value: `+${round(report.startup.oursMs - report.startup.floorMs, 0)} ms`,
      met: report.startup.oursMs <= report.startup.floorMs + 500,
    },
  );
  if (report.startup.npmStartMs !== undefined)
    list.push({
      target: 'start to ready ≤ floor + 500 ms (`npm start`, no rebuild)',
      value: `+${round(report.startup.npmStartMs - report.startup.floorMs, 0)} ms`,
      met: report.startup.npmStartMs <= report.startup.floorMs + 500,
    });
  list.push({
    target: 'burst of 20 creates to one group: 0 user-visible failures, no 429',
    value: `${report.burst.ours.userVisibleFailures} failures, ${report.burst.ours.throttled} × 429`,
    met: report.burst.ours.userVisibleFailures === 0 && report.burst.ours.throttled === 0,
  });
  const failures = Object.values(report.jobs).flatMap((job) => [job.floor.failures, job.ours.failures]);
  list.push({
    target: 'no failed answers under load',
    value: String(failures.reduce((a, b) => a + b, 0)),
    met: failures.every((f) => f === 0),
  });
  return list;
}

function setting(name: string, fallback: number): number {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer`);
  return value;
}

function progress(line: string): void {
  process.stdout.write(`${line}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
