import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  rmSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * scripts/fresh-build.js, which `npm start` and `npm run build` run: tsc only when a source changed since the
 * last build, said on the console; otherwise straight to the bot. Run on a one-file project of its own.
 */

const REPO = join(__dirname, '..', '..');
// Each case runs tsc or node in a child process; a cold tsc on a busy 2-core machine takes over 10 s.
jest.setTimeout(60_000);
let project: string;

beforeAll(() => {
  project = mkdtempSync(join(tmpdir(), 'fresh-build-'));
  mkdirSync(join(project, 'scripts'));
  mkdirSync(join(project, 'src'));
  copyFileSync(join(REPO, 'scripts', 'fresh-build.js'), join(project, 'scripts', 'fresh-build.js'));
  symlinkSync(join(REPO, 'node_modules'), join(project, 'node_modules'), 'dir');
  writeFileSync(
    join(project, 'tsconfig.build.json'),
    JSON.stringify({
      compilerOptions: { outDir: 'dist', rootDir: '.', module: 'commonjs', target: 'ES2022', strict: true },
      include: ['src'],
    }),
  );
  writeFileSync(join(project, 'src', 'index.ts'), "process.stdout.write('bot started\\n');\n");
  writeFileSync(join(project, 'src', 'extra.ts'), 'export const extra = 1;\n');
});

afterAll(() => rmSync(project, { recursive: true, force: true }));

function freshBuild(...args: string[]): string {
  const run = spawnSync(process.execPath, [join(project, 'scripts', 'fresh-build.js'), ...args], {
    cwd: project,
    encoding: 'utf8',
  });
  expect(run.status).toBe(0);
  return run.stdout;
}

/** What `--check` says (no build): the reason dist/ is stale, or that it is current. */
function check(): { current: boolean; said: string } {
  const run = spawnSync(process.execPath, [join(project, 'scripts', 'fresh-build.js'), '--check'], {
    cwd: project,
    encoding: 'utf8',
  });
  return { current: run.status === 0, said: run.stdout };
}

/** Each touch a minute later than the last: "changed after the last build" without waiting for the clock. */
let ahead = 0;
function touch(path: string): void {
  ahead += 60_000;
  const later = new Date(Date.now() + ahead);
  utimesSync(path, later, later);
}

describe('npm start (fresh-build --run)', () => {
  test('builds when there is no build yet, says so, then runs the bot', () => {
    const output = freshBuild('--run', 'dist/src/index.js');

    expect(output).toMatch(/^Rebuilding dist\/ \(no build yet\)…$/m);
    expect(output).toMatch(/^Rebuilt dist\/ in \d+\.\d s\.$/m);
    expect(output).toMatch(/bot started\n$/);
  });

  test('with nothing changed it starts the bot at once and says nothing about building', () => {
    expect(freshBuild('--run', 'dist/src/index.js')).toBe('bot started\n');
  });

  test('a changed source is rebuilt, and the console names it', () => {
    touch(join(project, 'src', 'index.ts'));

    const output = freshBuild('--run', 'dist/src/index.js');

    expect(output).toContain('Rebuilding dist/ (src/index.ts changed since the last build)…');
    expect(freshBuild('--run', 'dist/src/index.js')).toBe('bot started\n');
  });

  test('a deleted source counts as a change (its directory changed)', () => {
    expect(check()).toEqual({ current: true, said: 'dist/ is current.\n' });
    rmSync(join(project, 'src', 'extra.ts'));
    touch(join(project, 'src'));

    expect(check()).toEqual({ current: false, said: 'dist/ is stale: src changed since the last build.\n' });
  });

  test('a changed build setting counts as a change', () => {
    touch(join(project, 'tsconfig.build.json'));

    expect(check().said).toContain('tsconfig.build.json changed since the last build');
  });

  test('npm run build (--always) builds whatever the stamp says, and leaves dist/ current', () => {
    expect(freshBuild('--always')).toContain('Rebuilding dist/ (npm run build)…');
    expect(check().current).toBe(true);
  });
});

describe('card templates (compiled into src/cards/compiled/, each file headed by its template hash)', () => {
  const template = (): string => join(project, 'src', 'cards', 'templates', 'note.json');

  beforeAll(() => {
    mkdirSync(join(project, 'src', 'cards', 'templates'), { recursive: true });
    mkdirSync(join(project, 'src', 'cards', 'compiled'), { recursive: true });
    const text = '{ "type": "AdaptiveCard", "version": "1.5", "body": [] }\n';
    writeFileSync(template(), text);
    const hash = createHash('sha256').update(text).digest('hex');
    writeFileSync(
      join(project, 'src', 'cards', 'compiled', 'note.ts'),
      `// Template SHA-256: ${hash}\nexport const note = 1;\n`,
    );
    freshBuild('--always');
  });

  test('a compiled file made from the template as it is leaves dist/ current', () => {
    expect(check()).toEqual({ current: true, said: 'dist/ is current.\n' });
  });

  test('a template edited since it was compiled makes dist/ stale, naming the template', () => {
    writeFileSync(template(), '{ "type": "AdaptiveCard", "version": "1.5", "body": [ ] }\n');

    expect(check()).toEqual({
      current: false,
      said: 'dist/ is stale: card templates changed: note.json.\n',
    });
  });
});
