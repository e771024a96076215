/** Which Chromium the browser e2e tests launch, so `npm install && npm test` needs no system package. */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { arch, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';

export const SYSTEM_CHROMIUM = '/usr/bin/chromium';

/** Where a Chromium comes from, in the order they are tried. */
export type ChromiumSource =
  | { kind: 'CHROMIUM_PATH'; path: string }
  | { kind: 'system'; path: string }
  | { kind: 'bundled' };

export interface ChromiumLaunch {
  source: ChromiumSource['kind'];
  executablePath: string;
  /** Flags the build needs beyond ours (@sparticuz/chromium's own list, see bundledChromium); empty for other sources. */
  args: string[];
  /** Extra environment for the browser process. */
  env: Record<string, string>;
}

type Env = Readonly<Record<string, string | undefined>>;

/**
 * CHROMIUM_PATH wins (a developer's own browser, or CI's); then Debian's /usr/bin/chromium, which starts
 * fastest; then the Chromium inside the @sparticuz/chromium npm package. E2E_IGNORE_SYSTEM_CHROMIUM=1 skips
 * the system one, to exercise the npm path on a machine that has both.
 */
export function chooseChromium(env: Env, exists: (path: string) => boolean): ChromiumSource {
  const configured = env.CHROMIUM_PATH?.trim();
  if (configured) {
    // A wrong explicit path must fail loudly, not fall back to a browser nobody asked for.
    if (!exists(configured)) throw new Error(`CHROMIUM_PATH is set to ${configured}, which does not exist.`);
    return { kind: 'CHROMIUM_PATH', path: configured };
  }
  if (env.E2E_IGNORE_SYSTEM_CHROMIUM !== '1' && exists(SYSTEM_CHROMIUM))
    return { kind: 'system', path: SYSTEM_CHROMIUM };
  return { kind: 'bundled' };
}

export async function resolveChromium(env: Env = process.env): Promise<ChromiumLaunch> {
  const source = chooseChromium(env, existsSync);
  if (source.kind !== 'bundled')
    return { source: source.kind, executablePath: source.path, args: [], env: {} };
  return bundledChromium();
}

interface Unpacked {
  args: string[];
}

const MANIFEST = 'launch.json';
const FONTS_CONF = 'fonts.conf';

/**
 * @sparticuz/chromium 153 ships Chromium brotli-compressed inside the npm package and unpacks it on first use
 * (about 2.5 s, 210 MB). It is pinned because its Chromium must speak the DevTools protocol playwright-core
 * 1.65 expects; its engines field says Node ≥ 22.17, yet it runs on Node 20 here. It only ships x64 builds.
 *
 * It always unpacks into os.tmpdir() and reuses whatever `chromium` file it finds there, so parallel Jest
 * workers could launch a half-written binary. Each unpack goes into a private directory (TMPDIR) that is then
 * renamed into place in one step; the loser of that race deletes its copy and uses the winner's.
 */
async function bundledChromium(): Promise<ChromiumLaunch> {
  if (arch() !== 'x64')
    throw new Error(
      `No Chromium for the browser e2e tests: @sparticuz/chromium ships x64 only (this is ${arch()}). Set CHROMIUM_PATH to a Chromium or Chrome binary.`,
    );
  // Its exports map hides package.json: read it beside the resolved entry point (build/index.js).
  const packageJson = join(dirname(require.resolve('@sparticuz/chromium')), '..', 'package.json');
  const { version } = JSON.parse(await readFile(packageJson, 'utf8')) as { version: string };
  const dir = join(tmpdir(), `group-conversations-chromium-${version}`);
  const unpacked = (await readUnpacked(dir)) ?? (await unpackInto(dir));
  return {
    source: 'bundled',
    executablePath: join(dir, 'chromium'),
    // Its list is made for AWS Lambda, where --single-process avoids a prctl failure. Here that mode takes the
    // whole browser down when a test closes its page and opens the next one.
    args: unpacked.args.filter((arg) => arg !== '--single-process'),
    env: { FONTCONFIG_FILE: join(dir, FONTS_CONF) },
  };
}

/**
 * The package's Open Sans, for every machine alike. Its own fonts.conf names /tmp/fonts (where it unpacks on AWS
 * Lambda), not where the fonts are here; with no usable font, this build aborts (SkFontMgr_FontConfigInterface
 * "Not implemented") as soon as a page shows a form control: every Adaptive Card input.
 */
function fontsConf(dir: string): string {
  return `<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <dir>${join(dir, 'fonts', 'fonts')}</dir>
  <cachedir>${join(dir, 'fonts-cache')}</cachedir>
</fontconfig>
`;
}

async function readUnpacked(dir: string): Promise<Unpacked | undefined> {
  if (!existsSync(join(dir, 'chromium'))) return undefined;
  try {
    return JSON.parse(await readFile(join(dir, MANIFEST), 'utf8')) as Unpacked;
  } catch {
    return undefined;
  }
}

async function unpackInto(dir: string): Promise<Unpacked> {
  const staging = await mkdtemp(`${dir}.staging-`);
  try {
    const unpacked = await unpackWithTmpdir(staging);
    await writeFile(join(staging, FONTS_CONF), fontsConf(dir));
    await writeFile(join(staging, MANIFEST), JSON.stringify(unpacked));
    try {
      await rename(staging, dir);
    } catch (error) {
      const winner = await readUnpacked(dir);
      if (!winner) throw error;
      return winner;
    }
    return unpacked;
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

/**
 * The package is an ES module, which Jest's CommonJS runtime cannot import: a plain Node child process does
 * the unpacking and reports the launch flags.
 */
async function unpackWithTmpdir(staging: string): Promise<Unpacked> {
  const entry = pathToFileURL(require.resolve('@sparticuz/chromium')).href;
  const script = `const { default: chromium } = await import(${JSON.stringify(entry)});
await chromium.executablePath();
process.stdout.write(JSON.stringify({ args: chromium.args }));`;
  const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script], {
    env: { ...process.env, TMPDIR: staging },
    maxBuffer: 1024 * 1024,
  });
  return JSON.parse(stdout) as Unpacked;
}
