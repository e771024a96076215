import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import JSZip from 'jszip';
import {
  APP_PACKAGE_DIR,
  AppPackageError,
  buildAppPackage,
  fillPlaceholders,
  type Manifest,
  placeholderValues,
  schemaErrors,
} from '../../scripts/app-package';

/**
 * The app package as Teams receives it: the manifest with the toolkit's placeholders filled in, valid against
 * the official schema of its manifestVersion (from @microsoft/app-manifest), zipped with its icons and its
 * localization files (each valid against the official localization schema) at the root.
 */

const VALUES = {
  TEAMS_APP_ID: '3f1d5c2a-1b2c-4d5e-8f90-1234567890ab',
  BOT_ID: '5f2e1c3a-0000-4000-8000-000000000001',
  BOT_DOMAIN: 'group-conversations.azurewebsites.net',
};
const ROOT = join(__dirname, '..', '..');

async function filledManifest(): Promise<Manifest> {
  const template = await readFile(join(APP_PACKAGE_DIR, 'manifest.json'), 'utf8');
  return JSON.parse(fillPlaceholders(template, VALUES)) as Manifest;
}

describe('the manifest against the official Teams JSON schema', () => {
  test('is valid once the placeholders are filled in', async () => {
    expect(await schemaErrors(await filledManifest())).toEqual([]);
  });

  test('the check is real: a wrong scope, a missing field and an unknown property are reported', async () => {
    const manifest = await filledManifest();
    const bots = manifest.bots as Array<Record<string, unknown>>;
    bots[0].scopes = ['everywhere'];
    delete (manifest as Record<string, unknown>).developer;
    (manifest as Record<string, unknown>).colour = 'blue';
    const errors = (await schemaErrors(manifest)).join('\n');
    expect(errors).toMatch(/\/bots\/0\/scopes\/0 must be equal to one of the allowed values/);
    expect(errors).toMatch(/must have required property 'developer'/);
    expect(errors).toMatch(/must NOT have additional properties/);
  });

  test('unfilled placeholders are not valid ids (the schema requires GUIDs)', async () => {
    const raw = JSON.parse(await readFile(join(APP_PACKAGE_DIR, 'manifest.json'), 'utf8')) as Manifest;
    expect((await schemaErrors(raw)).join('\n')).toMatch(/^\/id /m);
  });
});

describe('placeholder values', () => {
  test('missing values are named, with where to set them', () => {
    expect(() => placeholderValues({ BOT_ID: VALUES.BOT_ID })).toThrow(
      /TEAMS_APP_ID, BOT_DOMAIN are not set: run `atk provision/,
    );
  });

  test('ids must be GUIDs and the domain a bare host', () => {
    expect(() => placeholderValues({ ...VALUES, BOT_ID: 'my-bot' })).toThrow(/BOT_ID must be a GUID/);
    expect(() => placeholderValues({ ...VALUES, BOT_DOMAIN: 'https://bot.contoso.com' })).toThrow(
      /BOT_DOMAIN must be a host name/,
    );
  });

  test('a value cannot break out of its JSON string', () => {
    // biome-ignore lint/suspicious/noTemplateCurlyInString: literal ${...} text is the input under test
    expect(fillPlaceholders('{"a":"${{X}}"}', { X: '", "b": "' })).toBe('{"a":"\\", \\"b\\": \\""}');
  });

  test('a placeholder with no value is an error, never left in the package', () => {
    // biome-ignore lint/suspicious/noTemplateCurlyInString: literal ${...} text is the input under test
    expect(() => fillPlaceholders('"${{APP_NAME_SUFFIX}}"', VALUES)).toThrow(AppPackageError);
  });
});

test('buildAppPackage: a zip with exactly manifest.json, the two icons and the German strings at its root', async () => {
  const { zip } = await buildAppPackage(placeholderValues(VALUES));
  const opened = await JSZip.loadAsync(zip);
  expect(Object.keys(opened.files).sort()).toEqual(['color.png', 'de.json', 'manifest.json', 'outline.png']);
  // The file localizationInfo names, as it is in the repository (it has no placeholders).
  expect(await opened.file('de.json')?.async('string')).toBe(
    await readFile(join(APP_PACKAGE_DIR, 'de.json'), 'utf8'),
  );
  const manifest = JSON.parse((await opened.file('manifest.json')?.async('string')) ?? '') as Record<
    string,
    unknown
  >;
  expect(manifest).toMatchObject({
    id: VALUES.TEAMS_APP_ID,
    webApplicationInfo: { id: VALUES.BOT_ID, resource: `api://botid-${VALUES.BOT_ID}` },
    validDomains: [VALUES.BOT_DOMAIN, 'token.botframework.com'],
  });
  for (const icon of ['color.png', 'outline.png'])
    expect(await opened.file(icon)?.async('nodebuffer')).toEqual(await readFile(join(APP_PACKAGE_DIR, icon)));
  // Same inputs, same bytes: rebuilding does not look like a change.
  expect((await buildAppPackage(placeholderValues(VALUES))).zip).toEqual(zip);
});

test('a language file that breaks its schema stops the package, naming the file and the problem', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'app-package-'));
  try {
    await cp(APP_PACKAGE_DIR, dir, { recursive: true, filter: (source) => !source.includes('build') });
    const german = JSON.parse(await readFile(join(dir, 'de.json'), 'utf8')) as Record<string, string>;
    await writeFile(join(dir, 'de.json'), JSON.stringify({ ...german, 'name.short': '' }));
    await expect(buildAppPackage(placeholderValues(VALUES), dir)).rejects.toThrow(
      /de\.json does not match its schema:\n {2}\/name\.short must match pattern/,
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('`npm run package -- test` writes appPackage/build/appPackage.test.zip from the environment', async () => {
  const zipPath = join(APP_PACKAGE_DIR, 'build', 'appPackage.test.zip');
  await rm(zipPath, { force: true });
  const { stdout } = await promisify(execFile)('npm', ['run', '--silent', 'package', '--', 'test'], {
    cwd: ROOT,
    env: { ...process.env, ...VALUES },
  });
  expect(stdout).toMatch(/appPackage\.test\.zip: manifest 1\.30 validated against its official schema/);
  const opened = await JSZip.loadAsync(await readFile(zipPath));
  expect(Object.keys(opened.files).sort()).toEqual(['color.png', 'de.json', 'manifest.json', 'outline.png']);
  await rm(zipPath, { force: true });
  await rm(join(APP_PACKAGE_DIR, 'build', 'manifest.test.json'), { force: true });
}, 60_000);
