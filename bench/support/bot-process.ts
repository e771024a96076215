/**
 * A bot under test in its own process, started the same way for floor and ours (node on compiled JS, the
 * same flags), watched from outside through /proc: CPU time and resident memory, without changing how it
 * runs.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { freeLoopbackPort } from '../../dev/free-port';

/** The flags npm start uses. */
export const NODE_FLAGS = ['--enable-source-maps'];

export interface BotProcess {
  readonly name: string;
  readonly pid: number;
  readonly url: string;
  /** From spawn to the first 200 from /healthz. */
  readonly startupMs: number;
  /** User + system CPU time used so far. */
  cpuMs(): number;
  memory(): { rssMb: number; peakRssMb: number };
  /** The start of what the process wrote (stderr, and stdout up to 64 kB: logs under load are not kept). */
  output(): string;
  /** What it wrote to stderr (the start, up to 64 kB): no logs go there, so later lines are kept too. */
  errors(): string;
  stop(): Promise<void>;
}

const CLOCK_TICKS = clockTicks();

export async function launchBot(
  name: string,
  entry: string,
  env: Record<string, string>,
  command: { file: string; args: string[]; cwd?: string } = {
    file: process.execPath,
    args: [...NODE_FLAGS, entry],
  },
): Promise<BotProcess> {
  const port = await freeLoopbackPort();
  const url = `http://127.0.0.1:${port}`;
  const started = process.hrtime.bigint();
  const child = spawn(command.file, command.args, {
    env: { ...env, PORT: String(port) },
    cwd: command.cwd,
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group, so `npm start` and everything it starts stop together.
    detached: true,
  });
  // Production logs go to a pipe someone reads: drain it like that.
  let output = '';
  let errors = '';
  const keep = (chunk: Buffer) => {
    if (output.length < 64 * 1024) output += chunk.toString('utf8');
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', (chunk: Buffer) => {
    keep(chunk);
    if (errors.length < 64 * 1024) errors += chunk.toString('utf8');
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await waitUntilHealthy(url, child, () => output);
  const startupMs = Number(process.hrtime.bigint() - started) / 1e6;
  const pid = child.pid ?? 0;
  return {
    name,
    pid,
    url,
    startupMs,
    cpuMs: () => cpuMsOf(pid),
    memory: () => memoryOf(pid),
    output: () => output,
    errors: () => errors,
    stop: async () => {
      if (child.exitCode === null) process.kill(-pid, 'SIGTERM');
      const timer = setTimeout(() => child.exitCode === null && process.kill(-pid, 'SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

async function waitUntilHealthy(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const giveUp = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`exited with ${child.exitCode} before ready:\n${output()}`);
    if (Date.now() > giveUp) throw new Error(`not ready after 120 s:\n${output()}`);
    try {
      const response = await fetch(`${url}/healthz`);
      await response.arrayBuffer();
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** utime + stime, fields 14 and 15 of /proc/<pid>/stat, after the command name (which may hold spaces). */
function cpuMsOf(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
}

function memoryOf(pid: number): { rssMb: number; peakRssMb: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0);
  return { rssMb: kb('VmRSS') / 1024, peakRssMb: kb('VmHWM') / 1024 };
}

function clockTicks(): number {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
}
