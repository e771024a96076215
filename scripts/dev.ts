/**
 * `npm run dev`: tsc in watch mode; after every clean compile the bot restarts, while one Agents Playground
 * (local mode only) stays open across restarts, so the browser tab and its chats survive an edit. An edited
 * card template is compiled into src/cards/compiled/ (decision 30), which tsc then picks up like any edit.
 */
import 'dotenv/config';
import { type ChildProcess, spawn } from 'node:child_process';
import { watch } from 'node:fs';
import { join } from 'node:path';
import { type RunningPlayground, startPlayground } from '../dev/playground';
import { loadConfig } from '../src/server/config';
import { CardTemplateError, compileCards, TEMPLATES_DIR } from './card-compiler';
import { REPO_ROOT } from './repo-root';

const COMPILED = /Found (\d+) errors?\. Watching for file changes/;

async function main(): Promise<void> {
  // The same settings the bot will read (.env, or DOTENV_CONFIG_PATH=.localConfigs for the dev tunnel).
  const config = loadConfig(process.env);
  // A restarted bot must come back where the Playground (or the dev tunnel) sends activities.
  const port = config.port === 0 ? 3978 : config.port;
  let bot: ChildProcess | undefined;
  let playground: RunningPlayground | undefined;

  compileTemplates();
  const templates = watchTemplates();

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
    templates.close();
    tsc.kill('SIGTERM');
    await stop(bot);
    await playground?.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown());
  process.once('SIGTERM', () => void shutdown());
}

/** Writes the compiled cards that differ from their templates; a template the compiler refuses is said. */
function compileTemplates(): void {
  try {
    const { changed } = compileCards({ write: true });
    if (changed.length > 0) process.stdout.write(`[dev] card templates compiled: ${changed.join(', ')}\n`);
  } catch (error) {
    if (!(error instanceof CardTemplateError)) throw error;
    process.stdout.write(`[dev] ${error.message}\n[dev] the running bot is left as it was.\n`);
  }
}

/** An editor's save is often several writes: compile once they have settled. */
function watchTemplates(): { close(): void } {
  let timer: NodeJS.Timeout | undefined;
  const watcher = watch(TEMPLATES_DIR, () => {
    clearTimeout(timer);
    timer = setTimeout(compileTemplates, 200);
  });
  return {
    close: () => {
      clearTimeout(timer);
      watcher.close();
    },
  };
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
