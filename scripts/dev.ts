/**
 * `npm run dev`: tsc in watch mode; after every clean compile the bot restarts, while one Agents Playground
 * (local mode only) stays open across restarts, so the browser tab and its chats survive an edit.
 */
import 'dotenv/config';
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { type RunningPlayground, startPlayground } from '../dev/playground';
import { loadConfig } from '../src/server/config';
import { REPO_ROOT } from './repo-root';

const COMPILED = /Found (\d+) errors?\. Watching for file changes/;

async function main(): Promise<void> {
  // The same settings the bot will read (.env, or DOTENV_CONFIG_PATH=.localConfigs for the dev tunnel).
  const config = loadConfig(process.env);
  // A restarted bot must come back where the Playground (or the dev tunnel) sends activities.
  const port = config.port === 0 ? 3978 : config.port;
  let bot: ChildProcess | undefined;
  let playground: RunningPlayground | undefined;

  const tsc = spawn(
    process.execPath,
    [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json', '--watch', '--preserveWatchOutput'],
    { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let restarting = Promise.resolve();
  tsc.stdout?.on('data', (chunk: Buffer) => {
    const text = chunk.toString('utf8');
    process.stdout.write(text);
    const compiled = COMPILED.exec(text);
    if (!compiled) return;
    if (compiled[1] !== '0') {
      process.stdout.write('[dev] compile errors: the running bot is left as it was.\n');
      return;
    }
    restarting = restarting.then(async () => {
      await stop(bot);
      bot = startBot(port);
      if (config.mode === 'local' && !playground) playground = await openPlayground(port);
    });
  });

  const shutdown = async (): Promise<void> => {
    tsc.kill('SIGTERM');
    await stop(bot);
    await playground?.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown());
  process.once('SIGTERM', () => void shutdown());
}

function startBot(port: number): ChildProcess {
  process.stdout.write(`[dev] starting the bot on port ${port}\n`);
  return spawn(process.execPath, ['--enable-source-maps', join('dist', 'src', 'index.js')], {
    cwd: REPO_ROOT,
    env: { ...process.env, PORT: String(port), START_PLAYGROUND: 'false' },
    stdio: 'inherit',
  });
}

async function openPlayground(port: number): Promise<RunningPlayground> {
  const playground = await startPlayground({
    botEndpoint: `http://127.0.0.1:${port}/api/messages`,
    onUnexpectedExit: (reason) => process.stderr.write(`${reason}\n`),
  });
  process.stdout.write(
    `\n[dev] Open ${playground.url} to chat with the bot; edits restart the bot only.\n\n`,
  );
  return playground;
}

/** SIGTERM lets the bot finish turns in flight (its shutdown); its port is free once it has exited. */
async function stop(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
