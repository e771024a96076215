/**
 * Starts the Microsoft 365 Agents Playground (Microsoft's local Teams-like client) in a child process,
 * pointed at a bot running in local mode. Dev-only: loaded by src/index.ts in local mode and by test/e2e.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { freeLoopbackPort } from './free-port';
import { PlaygroundLog } from './playground-log';

export interface PlaygroundOptions {
  /** The bot's messaging endpoint, e.g. http://127.0.0.1:3978/api/messages. */
  botEndpoint: string;
  /** Default: a free port. The Playground silently moves to a random one when its port is taken. */
  port?: number;
  /** Default: .m365agentsplayground.yml at the repository root. */
  configPath?: string;
  /** Default: devTools/m365agentsplayground.log at the repository root, where the Playground puts it. */
  logPath?: string;
  /** Called when the Playground dies on its own after start-up, with the reason from its log. */
  onUnexpectedExit?: (reason: string) => void;
  readyTimeoutMs?: number;
}

export interface RunningPlayground {
  /** The one URL to open in a browser. */
  url: string;
  port: number;
  logPath: string;
  close(): Promise<void>;
}

export class PlaygroundError extends Error {}

const REPO_ROOT = findRepoRoot(__dirname);
const PORT_ATTEMPTS = 3;

export async function startPlayground(options: PlaygroundOptions): Promise<RunningPlayground> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await startOnce(options);
    } catch (error) {
      // Another process can take the free port between our probe and the Playground's listen.
      if (!(error instanceof PortTakenError) || options.port !== undefined || attempt >= PORT_ATTEMPTS)
        throw error;
    }
  }
}

class PortTakenError extends PlaygroundError {}

async function startOnce(options: PlaygroundOptions): Promise<RunningPlayground> {
  const configPath = options.configPath ?? join(REPO_ROOT, '.m365agentsplayground.yml');
  // Without its config file the Playground falls back to a built-in tenant whose ids the sandbox rejects.
  if (!existsSync(configPath)) throw new PlaygroundError(`Playground config not found: ${configPath}`);
  const logPath = options.logPath ?? join(REPO_ROOT, 'devTools', 'm365agentsplayground.log');
  await mkdir(dirname(logPath), { recursive: true });
  const log = await PlaygroundLog.mark(logPath);
  const port = options.port ?? (await freeLoopbackPort());
  const origin = `http://127.0.0.1:${port}`;

  const child = spawn(process.execPath, playgroundArgs(options.botEndpoint, port, origin), {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      TEAMSAPPTESTER_BROWSER: 'none',
      M365_AGENTS_PLAYGROUND_CONFIG_PATH: configPath,
      M365_AGENTS_PLAYGROUND_LOGFILE: logPath,
    },
    // The IPC channel is how the child notices our death (see bind-loopback.cjs).
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  const exited = exitOf(child);
  try {
    const listening = await withTimeout(
      Promise.race([listeningPort(child), exited.then(() => undefined)]),
      options.readyTimeoutMs ?? 20_000,
    );
    if (listening === undefined) throw new PlaygroundError(await failureReason(log, 'exited while starting'));
    if (listening !== port) throw new PortTakenError(`Playground moved from port ${port} to ${listening}`);
    await waitUntilServing(origin, exited, log);
  } catch (error) {
    await stop(child, exited);
    throw error;
  }

  let closing = false;
  void exited.then(async () => {
    if (!closing) options.onUnexpectedExit?.(await failureReason(log, 'exited unexpectedly'));
  });
  return {
    url: origin,
    port,
    logPath,
    close: async () => {
      closing = true;
      await stop(child, exited);
    },
  };
}

function playgroundArgs(botEndpoint: string, port: number, origin: string): string[] {
  return [
    '--require',
    join(REPO_ROOT, 'dev', 'bind-loopback.cjs'),
    playgroundCli(),
    '--app-endpoint',
    botEndpoint,
    '--channel-id',
    'msteams',
    '--port',
    String(port),
    // Its default, http://localhost:<port>, may resolve to ::1 where nothing listens.
    '--service-url',
    `${origin}/_connector`,
    '--disable-telemetry',
  ];
}

function playgroundCli(): string {
  try {
    return require.resolve('@microsoft/m365agentsplayground/cli.js', { paths: [REPO_ROOT] });
  } catch {
    throw new PlaygroundError(
      'The Microsoft 365 Agents Playground is not installed: run `npm install` (it is a dev dependency).',
    );
  }
}

/** Resolves with the port from the Playground's "Listening on <port>" line. */
function listeningPort(child: ChildProcess): Promise<number> {
  return new Promise((resolvePort) => {
    let seen: string | undefined = '';
    // Both pipes stay drained for the child's whole life, or a chatty Playground would block on a full pipe;
    // its log file has everything anyway.
    child.stdout?.on('data', (chunk: Buffer) => {
      if (seen === undefined) return;
      seen += chunk.toString('utf8');
      const match = /Listening on (\d+)/.exec(seen);
      if (!match) return;
      seen = undefined;
      resolvePort(Number(match[1]));
    });
    child.stderr?.resume();
  });
}

/**
 * "Listening" is printed before the config is loaded, and a bad config only then makes it exit: ready means
 * its API answers and it is still alive with no error logged.
 */
async function waitUntilServing(origin: string, exited: Promise<unknown>, log: PlaygroundLog): Promise<void> {
  let gone = false;
  void exited.then(() => {
    gone = true;
  });
  for (let i = 0; i < 100; i++) {
    const errors = await log.errors();
    if (gone || errors.length > 0) throw new PlaygroundError(await failureReason(log, 'failed to start'));
    const ok = await fetch(`${origin}/_internal/v1/config`).then(
      (response) => response.ok,
      () => false,
    );
    if (ok) {
      await delay(150);
      if (!gone && (await log.errors()).length === 0) return;
    }
    await delay(100);
  }
  throw new PlaygroundError(await failureReason(log, 'did not answer within 10 seconds'));
}

async function failureReason(log: PlaygroundLog, what: string): Promise<string> {
  const errors = await log.errors();
  const detail = errors.length > 0 ? `:\n  ${errors.join('\n  ')}` : ' (no error in its log).';
  return `Microsoft 365 Agents Playground ${what}${detail}\nFull log: ${log.path}`;
}

function exitOf(child: ChildProcess): Promise<number | null> {
  return new Promise((resolveExit) => {
    if (child.exitCode !== null) resolveExit(child.exitCode);
    child.once('exit', (code) => resolveExit(code));
    child.once('error', () => resolveExit(null));
  });
}

async function stop(child: ChildProcess, exited: Promise<unknown>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 3_000);
  await exited;
  clearTimeout(timer);
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new PlaygroundError(`Microsoft 365 Agents Playground did not start within ${ms} ms`)),
      ms,
    );
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function delay(ms: number): Promise<void> {
  return new Promise((done) => setTimeout(done, ms));
}

/** dev/ runs from source in tests and from dist/dev after `npm start`'s build: find the root either way. */
function findRepoRoot(start: string): string {
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) return resolve(start, '..');
  }
}
