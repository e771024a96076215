/**
 * `npm run i18n:manifest [-- --check]`: writes appPackage/<language>.json from src/i18n/<language>/manifest.json
 * and checks appPackage/manifest.json's strings against the English catalog; `--check` only reports.
 */
import { relative } from 'node:path';
import { APP_PACKAGE_DIR, AppPackageError } from './app-package';
import { syncManifestStrings } from './manifest-strings';

async function main(): Promise<void> {
  const write = !process.argv.includes('--check');
  const { changed } = await syncManifestStrings({ write });
  const where = relative(process.cwd(), APP_PACKAGE_DIR) || '.';
  process.stdout.write(
    changed.length > 0
      ? `${where}: ${changed.join(', ')} written from the catalog; manifest.json matches it.\n`
      : `${where}: manifest.json and its language files match the catalog.\n`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof AppPackageError ? error.message : String(error)}\n`);
  process.exit(1);
});
