#!/usr/bin/env node
/**
 * Keeps dist/ in step with the sources without paying for the TypeScript compiler when nothing changed:
 * `npm start` used to run tsc on every start, silently, for several seconds.
 *
 *   node scripts/fresh-build.js                 rebuild dist/ only if a source changed since the last build
 *   node scripts/fresh-build.js --always        rebuild dist/ (npm run build)
 *   node scripts/fresh-build.js --run <file>    the first, then run <file> in this process (npm start)
 *   node scripts/fresh-build.js --check         only say whether dist/ is current (exit 1 when it is not)
 *
 * "Changed" is by modification time, against a stamp written when a build succeeds: any file or directory
 * under the compiled trees (a directory's time moves when a file in it is added, renamed or deleted) or a
 * setting that shapes the output. A card template edited since its compiled function was generated
 * (src/cards/compiled/) is compiled first (`npm run cards:compile`). It says on the console when and why it
 * rebuilds. Plain JavaScript: it has to run before anything is compiled.
 */
const { spawnSync } = require('node:child_process');
const { createHash } = require('node:crypto');
const { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } = require('node:fs');
const { join, relative, resolve } = require('node:path');

const ROOT = resolve(__dirname, '..');
const DIST = join(ROOT, 'dist');
const STAMP = join(DIST, '.build-stamp.json');
const BUILD_INFO = join(DIST, '.tsbuildinfo');
/** What tsconfig.build.json compiles (src, sandbox, and dev/ which src/index.ts imports). */
const SOURCE_DIRS = ['src', 'sandbox', 'dev'];
const SETTINGS = ['tsconfig.json', 'tsconfig.build.json', 'package.json', 'package-lock.json'];

/** @returns {{ path: string, mtimeMs: number }} the most recently modified input. */
function newestInput() {
  let newest = { path: '', mtimeMs: 0 };
  const consider = (path) => {
    const { mtimeMs } = statSync(path);
    if (mtimeMs > newest.mtimeMs) newest = { path, mtimeMs };
  };
  const walk = (dir) => {
    consider(dir);
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else consider(path);
    }
  };
  for (const dir of SOURCE_DIRS) if (existsSync(join(ROOT, dir))) walk(join(ROOT, dir));
  for (const file of SETTINGS) if (existsSync(join(ROOT, file))) consider(join(ROOT, file));
  return newest;
}

/** @returns {string | undefined} why dist/ must be rebuilt, or undefined when it is current. */
function staleness(entry) {
  if (!existsSync(STAMP)) return 'no build yet';
  if (entry && !existsSync(entry)) return `${relative(ROOT, entry)} is missing`;
  let builtFrom = 0;
  try {
    builtFrom = JSON.parse(readFileSync(STAMP, 'utf8')).sourcesAsOf;
  } catch {
    return 'the last build left no readable stamp';
  }
  const newest = newestInput();
  if (newest.mtimeMs > builtFrom) return `${relative(ROOT, newest.path)} changed since the last build`;
  return undefined;
}

const TEMPLATES = join(ROOT, 'src', 'cards', 'templates');
const COMPILED = join(ROOT, 'src', 'cards', 'compiled');

/**
 * Card templates whose compiled function (src/cards/compiled/, committed) was made from other text: each
 * compiled file's first line is its template's SHA-256 (scripts/card-compiler.ts). A hash, not a time: a
 * fresh checkout stamps files in any order.
 */
function editedTemplates() {
  if (!existsSync(TEMPLATES)) return [];
  return readdirSync(TEMPLATES)
    .filter((file) => file.endsWith('.json'))
    .filter((file) => {
      const compiled = join(COMPILED, file.replace(/\.json$/, '.ts'));
      const hash = createHash('sha256')
        .update(readFileSync(join(TEMPLATES, file)))
        .digest('hex');
      return (
        !existsSync(compiled) || !readFileSync(compiled, 'utf8').startsWith(`// Template SHA-256: ${hash}\n`)
      );
    });
}

/** `npm run cards:compile`, said on the console; the compiled files it writes then make dist/ stale. */
function compileCards(edited) {
  process.stdout.write(`Compiling card templates (${edited.join(', ')} changed)…\n`);
  for (const args of [
    [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.tools.json'],
    [join('dist-tools', 'scripts', 'compile-cards.js')],
  ]) {
    const step = spawnSync(process.execPath, args, { cwd: ROOT, stdio: 'inherit' });
    if (step.status !== 0) {
      process.stderr.write('Card templates did not compile: fix the errors above.\n');
      process.exit(step.status || 1);
    }
  }
}

/** Incremental: after a small change tsc re-emits what it must, not every file. */
function build(reason) {
  // The newest source time before tsc starts: a file saved while tsc runs is newer, so it counts next time.
  // A time, not the clock: sources stamped in the future (a skewed checkout) must not rebuild on every start.
  const sourcesAsOf = newestInput().mtimeMs;
  const started = Date.now();
  process.stdout.write(`Rebuilding dist/ (${reason})…\n`);
  // Outputs gone (dist/ cleaned by hand) must be emitted again, which an incremental build would not notice.
  if (!existsSync(STAMP)) rmSync(BUILD_INFO, { force: true });
  const tsc = spawnSync(
    process.execPath,
    [
      require.resolve('typescript/bin/tsc'),
      '-p',
      'tsconfig.build.json',
      '--incremental',
      '--tsBuildInfoFile',
      BUILD_INFO,
    ],
    { cwd: ROOT, stdio: 'inherit' },
  );
  if (tsc.status !== 0) {
    rmSync(STAMP, { force: true });
    process.stderr.write(`Build failed (tsc exit ${tsc.status ?? tsc.signal}): fix the errors above.\n`);
    process.exit(tsc.status || 1);
  }
  writeFileSync(STAMP, `${JSON.stringify({ sourcesAsOf })}\n`);
  process.stdout.write(`Rebuilt dist/ in ${((Date.now() - started) / 1000).toFixed(1)} s.\n`);
}

function main(args) {
  const runIndex = args.indexOf('--run');
  const entry = runIndex >= 0 ? resolve(ROOT, args[runIndex + 1] ?? '') : undefined;
  if (runIndex >= 0 && !args[runIndex + 1]) throw new Error('--run needs the file to run');
  if (args.includes('--check')) {
    const edited = editedTemplates();
    const reason = edited.length > 0 ? `card templates changed: ${edited.join(', ')}` : staleness(entry);
    process.stdout.write(reason ? `dist/ is stale: ${reason}.\n` : 'dist/ is current.\n');
    process.exit(reason ? 1 : 0);
  }
  const edited = editedTemplates();
  if (edited.length > 0) compileCards(edited);
  if (args.includes('--always')) build('npm run build');
  else {
    const reason = staleness(entry);
    if (reason) build(reason);
  }
  // In this process rather than a child: one Node start-up less, and signals reach the bot directly.
  if (entry) require(entry);
}

main(process.argv.slice(2));
