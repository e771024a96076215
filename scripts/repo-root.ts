/** The repository root, whether a script runs from source (tests) or compiled under dist-tools/. */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

export const REPO_ROOT = findRepoRoot(__dirname);

function findRepoRoot(start: string): string {
  for (let dir = start; dirname(dir) !== dir; dir = dirname(dir))
    if (existsSync(join(dir, 'package.json'))) return dir;
  throw new Error(`No package.json above ${start}`);
}
