/** The bench's results: one JSON document (bench/results/latest.json) and the table printed from it. */
import { cpus, loadavg, release, totalmem } from 'node:os';

export interface BotJobStats {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  cpuMsPerRequest: number;
  /** Top-level Graph requests (a $batch counts once) per conversation created; absent for the form job. */
  graphRequestsPerConversation?: number;
  failures: number;
}

export interface JobReport {
  label: string;
  floor: BotJobStats;
  ours: BotJobStats;
  /** ours / floor, from the same run. */
  ratios: { throughput: number; p99: number; cpu: number };
}

export interface MemoryReport {
  /** RSS once started, before any load. */
  beforeMb: number;
  /** RSS after the last round. */
  afterMb: number;
  /** Median RSS after each measured round: one reading lands anywhere in V8's collection cycle. */
  afterMedianMb: number;
  peakMb: number;
  /** RSS after each round, warm-up rounds included. */
  perRoundMb: number[];
}

export interface BurstReport {
  submits: number;
  /** Answers that were not a confirmation. */
  userVisibleFailures: number;
  /** 429s the stand-in answered (requests over 4 in flight on the mailbox). */
  throttled: number;
  peakInFlight: number;
  wallMs: number;
}

export interface StartupReport {
  /** Median ms from spawn to /healthz 200, node on compiled JS with NODE_FLAGS. */
  floorMs: number;
  oursMs: number;
  samplesFloorMs: number[];
  samplesOursMs: number[];
  /** `npm start` (local mode: staleness check, embedded sandbox) to /healthz, with nothing to rebuild. */
  npmStartMs?: number;
  samplesNpmStartMs?: number[];
  /** The bench's own preparation: whether dist/ was stale and how long the rebuild took. */
  preparationRebuildMs?: number;
}

export interface BenchReport {
  when: string;
  machine: {
    cpus: number;
    model: string;
    memoryGb: number;
    node: string;
    kernel: string;
    loadAverage: number[];
  };
  settings: { concurrency: number; requestsPerRound: number; warmupRounds: number; measuredRounds: number };
  jobs: Record<string, JobReport>;
  memory: {
    floor: MemoryReport;
    ours: MemoryReport;
    /** Of the medians after the measured rounds. */
    ratioAfter: number;
    /** RSS after the last round minus after the last warm-up round. */
    oursGrowthMbOverMeasuredRounds: number;
    floorGrowthMbOverMeasuredRounds: number;
  };
  startup: StartupReport;
  burst: { ours: BurstReport; floor: BurstReport };
  targets: Array<{ target: string; value: string; met: boolean }>;
}

export function machine(): BenchReport['machine'] {
  const cores = cpus();
  return {
    cpus: cores.length,
    model: cores[0]?.model ?? 'unknown',
    memoryGb: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    kernel: release(),
    loadAverage: loadavg().map((value) => round(value, 2)),
  };
}

export function round(value: number, digits = 2): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

/** The report as Markdown tables, as docs/performance.md keeps it. */
export function formatReport(report: BenchReport): string {
  const lines: string[] = [];
  const m = report.machine;
  const s = report.settings;
  lines.push(
    `Machine: ${m.cpus} × ${m.model}, ${m.memoryGb} GB, Node ${m.node}, Linux ${m.kernel}, load average at start ${m.loadAverage.join(' / ')}`,
    `Load: ${s.concurrency} concurrent clients, ${s.requestsPerRound} requests a round, ${s.measuredRounds} measured rounds after ${s.warmupRounds} warm-up rounds, floor and ours alternating which goes first.`,
    '',
    '| job | floor req/s | ours req/s | ratio | p50 floor / ours (ms) | p99 floor / ours (ms) | p99 ratio | CPU ms/request floor / ours | Graph requests per conversation floor / ours |',
    '|---|---|---|---|---|---|---|---|---|',
  );
  for (const job of Object.values(report.jobs)) {
    const { floor, ours, ratios } = job;
    const graph =
      ours.graphRequestsPerConversation === undefined
        ? '–'
        : `${floor.graphRequestsPerConversation} / ${ours.graphRequestsPerConversation}`;
    lines.push(
      `| ${job.label} | ${floor.requestsPerSecond} | ${ours.requestsPerSecond} | **${ratios.throughput}** | ${floor.p50Ms} / ${ours.p50Ms} | ${floor.p99Ms} / ${ours.p99Ms} | **${ratios.p99}** | ${floor.cpuMsPerRequest} / ${ours.cpuMsPerRequest} | ${graph} |`,
    );
  }
  const mem = report.memory;
  lines.push(
    '',
    '| memory (RSS, MB) | before load | after load (median of measured rounds) | after the last round | peak | after each round (warm-up first) |',
    '|---|---|---|---|---|---|',
    `| floor | ${mem.floor.beforeMb} | ${mem.floor.afterMedianMb} | ${mem.floor.afterMb} | ${mem.floor.peakMb} | ${mem.floor.perRoundMb.join(', ')} |`,
    `| ours | ${mem.ours.beforeMb} | ${mem.ours.afterMedianMb} | ${mem.ours.afterMb} | ${mem.ours.peakMb} | ${mem.ours.perRoundMb.join(', ')} |`,
    '',
    `RSS after load, ours / floor: **${mem.ratioAfter}**. Over the measured rounds ours grew ${mem.oursGrowthMbOverMeasuredRounds} MB, the floor ${mem.floorGrowthMbOverMeasuredRounds} MB.`,
  );
  const st = report.startup;
  lines.push(
    '',
    '| start to ready (/healthz), ms | median | fastest | samples |',
    '|---|---|---|---|',
    `| floor (node) | ${st.floorMs} | ${Math.min(...st.samplesFloorMs)} | ${st.samplesFloorMs.join(', ')} |`,
    `| ours (node) | ${st.oursMs} | ${Math.min(...st.samplesOursMs)} | ${st.samplesOursMs.join(', ')} |`,
  );
  if (st.npmStartMs !== undefined) {
    const samples = st.samplesNpmStartMs ?? [];
    lines.push(
      `| ours (\`npm start\`: npm, staleness check, local mode with the embedded sandbox; nothing to rebuild) | ${st.npmStartMs} | ${Math.min(...samples)} | ${samples.join(', ')} |`,
    );
  }
  const b = report.burst;
  lines.push(
    '',
    '| burst: 20 concurrent creates to one group, Graph stand-in answering 429 above 4 in flight per mailbox | user-visible failures | 429s from Graph | peak in flight on the mailbox | wall ms |',
    '|---|---|---|---|---|',
    `| floor | ${b.floor.userVisibleFailures} | ${b.floor.throttled} | ${b.floor.peakInFlight} | ${b.floor.wallMs} |`,
    `| ours | ${b.ours.userVisibleFailures} | ${b.ours.throttled} | ${b.ours.peakInFlight} | ${b.ours.wallMs} |`,
    '',
    '| target | value | met |',
    '|---|---|---|',
    ...report.targets.map((t) => `| ${t.target} | ${t.value} | ${t.met ? 'yes' : '**no**'} |`),
  );
  return `${lines.join('\n')}\n`;
}
