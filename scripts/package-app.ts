/**
 * `npm run package [-- <env>]`: writes appPackage/build/appPackage.<env>.zip (and the filled-in manifest) from
 * env/.env.<env>, env/.env.<env>.user and the environment, the same files and names the Agents Toolkit uses,
 * after writing the manifest's language files from the catalog (scripts/manifest-strings.ts).
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { parse } from 'dotenv';
import {
  APP_PACKAGE_DIR,
  AppPackageError,
  buildAppPackage,
  placeholderValues,
  REPO_ROOT,
} from './app-package';
import { syncManifestStrings } from './manifest-strings';

async function main(): Promise<void> {
  const envName = process.argv[2] ?? process.env.TEAMSFX_ENV ?? 'dev';
  if (!/^[a-z0-9-]+$/i.test(envName)) throw new AppPackageError(`Not an environment name: "${envName}".`);
  const fromFiles: Record<string, string> = {};
  for (const file of [`.env.${envName}`, `.env.${envName}.user`]) {
    const path = join(REPO_ROOT, 'env', file);
    if (existsSync(path)) Object.assign(fromFiles, parse(await readFile(path, 'utf8')));
  }
  const values = placeholderValues({ ...fromFiles, ...process.env });
  // The language files come from the catalog: refreshed before zipping, so the package never ships stale ones.
  const { changed } = await syncManifestStrings({ write: true });
  for (const file of changed) process.stdout.write(`appPackage/${file}: written from the catalog.\n`);
  const built = await buildAppPackage(values);
  const outDir = join(APP_PACKAGE_DIR, 'build');
  await mkdir(outDir, { recursive: true });
  const zipPath = join(outDir, `appPackage.${envName}.zip`);
  await writeFile(join(outDir, `manifest.${envName}.json`), `${JSON.stringify(built.manifest, null, 2)}\n`);
  await writeFile(zipPath, built.zip);
  process.stdout.write(
    `${relative(process.cwd(), zipPath)}: manifest ${built.manifest.manifestVersion} validated against its official schema, ${built.zip.length} bytes.\n`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof AppPackageError ? error.message : String(error)}\n`);
  process.exit(1);
});
