/** The production tree: compiled JS, package files and production dependencies only. */
import { execFile } from 'node:child_process';
import { cp, mkdir, readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

/**
 * The install the Dockerfile's deps stage runs, word for word (test/e2e/production-tree.test.ts checks it).
 * No install scripts: none of the production dependencies needs one to run (dtrace-provider is optional and
 * native; protobufjs only prints a notice), and a slim image then needs no compiler.
 */
export const PRODUCTION_INSTALL = ['ci', '--omit=dev', '--ignore-scripts', '--no-audit', '--no-fund'];

export interface StageOptions {
  /** The repository root: package.json and package-lock.json come from here. */
  root: string;
  /** tsc's output for tsconfig.build.json; only its src/ is shipped (sandbox/ and dev/ are local-mode only). */
  compiled: string;
  outDir: string;
  /** Added to the install, e.g. --prefer-offline in tests. */
  npmArgs?: string[];
}

export async function stageProductionTree(options: StageOptions): Promise<{ bytes: number }> {
  const { root, compiled, outDir } = options;
  await rm(outDir, { recursive: true, force: true });
  await mkdir(join(outDir, 'dist'), { recursive: true });
  await cp(join(compiled, 'src'), join(outDir, 'dist', 'src'), { recursive: true });
  for (const file of ['package.json', 'package-lock.json']) await cp(join(root, file), join(outDir, file));
  // Our stand-in for restify's spdy, which node_modules/spdy links to (docs/decisions.md, 32).
  await cp(join(root, 'vendor'), join(outDir, 'vendor'), { recursive: true });
  await promisify(execFile)('npm', [...PRODUCTION_INSTALL, ...(options.npmArgs ?? [])], {
    cwd: outDir,
    maxBuffer: 16 * 1024 * 1024,
  });
  return { bytes: await sizeOf(outDir) };
}

export async function sizeOf(path: string): Promise<number> {
  const info = await stat(path);
  if (!info.isDirectory()) return info.size;
  let total = 0;
  for (const entry of await readdir(path)) total += await sizeOf(join(path, entry));
  return total;
}
