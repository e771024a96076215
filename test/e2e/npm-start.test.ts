import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

/**
 * `npm start`'s process (the compiled src/index.ts) as a developer runs it: with no configuration it brings
 * up the Playground and prints one URL; SIGTERM stops everything; production configuration never loads it.
 */

const ROOT = join(__dirname, '..', '..');
// Inside the repository so the compiled launcher finds the repository root and its dev dependencies.
const OUT_DIR = join(ROOT, 'node_modules', '.cache', 'e2e-npm-start');
const TIMEOUT_MS = 60_000;

let cwd: string;

beforeAll(async () => {
  await promisify(execFile)(
    process.execPath,
    [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json', '--outDir', OUT_DIR],
    { cwd: ROOT },
  );
  // An empty working directory: a developer's .env must not turn this into a production run.
  cwd = await mkdtemp(join(tmpdir(), 'npm-start-'));
}, TIMEOUT_MS);

afterAll(async () => {
  await rm(OUT_DIR, { recursive: true, force: true });
  if (cwd) await rm(cwd, { recursive: true, force: true });
});

test(
  'no configuration: bot, sandbox and Playground start, one URL is printed, SIGTERM stops them all',
  async () => {
    const bot = start({ PORT: '0', GRAPH_SANDBOX_PORT: '0' });
    const url = (await bot.waitFor(/^Open (http:\/\/127\.0\.0\.1:\d+) /m))[1];
    // Only our line: the Playground's own "launched … http://localhost:<port>" would be a second URL.
    expect(bot.output().match(/^Open /gm)).toHaveLength(1);
    expect(bot.output()).not.toContain('localhost');
    expect((await fetch(`${url}/_internal/v1/config`)).status).toBe(200);
    expect(childCommands(bot.process)).toEqual([expect.stringContaining('m365agentsplayground')]);

    bot.process.kill('SIGTERM');
    expect(await bot.exited).toBe(0);
    await expect(fetch(url)).rejects.toThrow();
  },
  TIMEOUT_MS,
);

test(
  'production configuration: the Playground is not started',
  async () => {
    const bot = start({
      PORT: '0',
      MicrosoftAppId: '5f2e1c3a-0000-0000-0000-000000000001',
      MicrosoftAppPassword: 'not-a-real-secret',
      MicrosoftAppType: 'SingleTenant',
      MicrosoftAppTenantId: '9d2c8b1e-0000-4000-8000-00000000a11c',
      ConnectionName: 'GraphSSO',
    });
    await bot.waitFor(/production mode/);
    // The Playground would be up well within this if it were being started.
    await new Promise((done) => setTimeout(done, 1_500));
    expect(bot.output()).not.toMatch(/^Open /m);
    expect(childCommands(bot.process)).toEqual([]);
    bot.process.kill('SIGTERM');
    expect(await bot.exited).toBe(0);
  },
  TIMEOUT_MS,
);

interface StartedBot {
  process: ChildProcess;
  exited: Promise<number | null>;
  output(): string;
  waitFor(pattern: RegExp): Promise<RegExpMatchArray>;
}

function start(env: Record<string, string>): StartedBot {
  const child = spawn(process.execPath, [join(OUT_DIR, 'src', 'index.js')], {
    cwd,
    env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString('utf8');
  });
  child.stderr.on('data', (chunk: Buffer) => {
    output += chunk.toString('utf8');
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  afterEachKill.push(child);
  return {
    process: child,
    exited,
    output: () => output,
    waitFor: (pattern) =>
      new Promise((resolve, reject) => {
        const poll = setInterval(() => {
          const match = pattern.exec(output);
          if (match) {
            clearInterval(poll);
            resolve(match);
          } else if (child.exitCode !== null) {
            clearInterval(poll);
            reject(new Error(`exited with ${child.exitCode} before ${pattern}:\n${output}`));
          }
        }, 50);
      }),
  };
}

/** Command lines of a process's children, from /proc: `ps` is not on every slim CI image. */
function childCommands(parent: ChildProcess): string[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .flatMap((pid) => {
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
        // Field 4 is the parent pid; the command name before it may itself contain spaces and parentheses.
        const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
        if (ppid !== parent.pid) return [];
        return [readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim()];
      } catch {
        return []; // The process ended while we looked.
      }
    });
}

// A failed assertion must not leave a bot holding ports for the rest of the run.
const afterEachKill: ChildProcess[] = [];
afterEach(() => {
  for (const child of afterEachKill.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});
