/** `npm run stage`: build/app, the folder `atk deploy` zips to App Service (the Dockerfile builds the same). */
import { join } from 'node:path';
import { stageProductionTree } from './production-tree';
import { REPO_ROOT } from './repo-root';

async function main(): Promise<void> {
  const outDir = join(REPO_ROOT, 'build', 'app');
  const { bytes } = await stageProductionTree({ root: REPO_ROOT, compiled: join(REPO_ROOT, 'dist'), outDir });
  process.stdout.write(`build/app: production tree, ${(bytes / 1024 / 1024).toFixed(0)} MB.\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
