/** `npm run stage`: build/app, the folder `atk deploy` zips to App Service (the Dockerfile builds the same). */
import { join } from 'node:path';
import { syncManifestStrings } from './manifest-strings';
import { stageProductionTree } from './production-tree';
import { REPO_ROOT } from './repo-root';

async function main(): Promise<void> {
  // The Teams app this deployment serves was zipped from appPackage/: its command menu must send words the
  // catalog (and so this build of the bot) knows. Check only; `npm run i18n:manifest` rewrites.
  await syncManifestStrings({ write: false });
  const outDir = join(REPO_ROOT, 'build', 'app');
  const { bytes } = await stageProductionTree({ root: REPO_ROOT, compiled: join(REPO_ROOT, 'dist'), outDir });
  process.stdout.write(`build/app: production tree, ${(bytes / 1024 / 1024).toFixed(0)} MB.\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
