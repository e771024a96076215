/** Builds the Teams app package (manifest with the toolkit's placeholders filled, icons) and validates it. */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import JSZip from 'jszip';
import { REPO_ROOT } from './repo-root';

export { REPO_ROOT };
export const APP_PACKAGE_DIR = join(REPO_ROOT, 'appPackage');

/**
 * The placeholders the manifest uses, named as Microsoft 365 Agents Toolkit names them, so `atk provision`
 * (teamsApp/zipAppPackage) and `npm run package` fill the same file from the same env/.env.{name} values.
 */
export const PLACEHOLDERS = ['TEAMS_APP_ID', 'BOT_ID', 'BOT_DOMAIN'] as const;
export type PlaceholderValues = Record<(typeof PLACEHOLDERS)[number], string>;

const PLACEHOLDER_PATTERN = /\$\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export class AppPackageError extends Error {}

export interface Manifest {
  manifestVersion: string;
  icons: { color: string; outline: string };
  [key: string]: unknown;
}

/** Reads whatever of the placeholders' values `source` has; nothing else from it reaches the package. */
export function placeholderValues(source: Readonly<Record<string, string | undefined>>): PlaceholderValues {
  const missing = PLACEHOLDERS.filter((name) => !source[name]?.trim());
  if (missing.length > 0)
    throw new AppPackageError(
      `${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} not set: run \`atk provision --env <name>\`, or set them in env/.env.<name> or the environment.`,
    );
  const values = Object.fromEntries(
    PLACEHOLDERS.map((name) => [name, source[name]?.trim() ?? '']),
  ) as PlaceholderValues;
  for (const name of ['TEAMS_APP_ID', 'BOT_ID'] as const)
    if (!GUID.test(values[name]))
      throw new AppPackageError(`${name} must be a GUID (got "${values[name]}").`);
  // validDomains takes a bare host: a URL here would make Teams reject the package.
  if (/[/:\s]/.test(values.BOT_DOMAIN))
    throw new AppPackageError(
      `BOT_DOMAIN must be a host name such as bot.contoso.com (got "${values.BOT_DOMAIN}").`,
    );
  return values;
}

/** Replaces every ${{NAME}}; a placeholder without a value is an error, never left in the package. */
export function fillPlaceholders(template: string, values: Readonly<Record<string, string>>): string {
  const unknown = new Set<string>();
  const filled = template.replace(PLACEHOLDER_PATTERN, (text, name: string) => {
    const value = values[name];
    if (value === undefined) unknown.add(name);
    // JSON-escaped, so a value can never change the manifest's structure.
    return value === undefined ? text : JSON.stringify(value).slice(1, -1);
  });
  if (unknown.size > 0) throw new AppPackageError(`No value for ${[...unknown].join(', ')} in the manifest.`);
  return filled;
}

/**
 * Checks a filled-in manifest against the official JSON schema of its own manifestVersion, as shipped in
 * @microsoft/app-manifest. Returns the problems, empty when valid.
 */
export function schemaErrors(manifest: Manifest): Promise<string[]> {
  return officialSchemaErrors(manifest, manifest.manifestVersion, 'MicrosoftTeams.schema.json');
}

/**
 * Checks a localization file against the official localization schema of the manifest's version: Teams
 * wants both files on the same version
 * (https://learn.microsoft.com/microsoftteams/platform/concepts/build-and-test/apps-localization,
 * https://learn.microsoft.com/microsoftteams/platform/resources/schema/localization-schema).
 */
export async function localizationErrors(localization: unknown, manifestVersion: string): Promise<string[]> {
  const errors = await officialSchemaErrors(
    localization,
    manifestVersion,
    'MicrosoftTeams.Localization.schema.json',
  );
  const declared = (localization as { $schema?: unknown } | null)?.$schema;
  const expected = localizationSchemaUrl(manifestVersion);
  if (declared !== expected) errors.push(`/$schema must be ${expected}`);
  return errors;
}

/** The `$schema` of a localization file for a manifest of this version. */
export function localizationSchemaUrl(manifestVersion: string): string {
  return `https://developer.microsoft.com/en-us/json-schemas/teams/v${manifestVersion}/MicrosoftTeams.Localization.schema.json`;
}

async function officialSchemaErrors(
  document: unknown,
  version: string,
  schemaFile: string,
): Promise<string[]> {
  const schemaPath = require.resolve(
    `@microsoft/app-manifest/build/json-schemas/teams/v${version}/${schemaFile}`,
  );
  const { $schema: _draft, ...schema } = JSON.parse(await readFile(schemaPath, 'utf8')) as Record<
    string,
    unknown
  >;
  // The schemas declare draft-04, which Ajv 8 does not load; without the $schema key it reads them with
  // its draft-07 rules, which these schemas only use compatibly (no boolean exclusiveMinimum/Maximum).
  // strict: false because they carry keywords Ajv does not know (e.g. "deprecationMessage"); unicodeRegExp:
  // false because the localization schema's patterns use a bare "]", valid only without the u flag.
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats(ajv);
  const validate = ajv.compile(schema);
  if (validate(document)) return [];
  return (validate.errors ?? []).map(
    (error) => `${error.instancePath || '/'} ${error.message ?? 'is invalid'}`,
  );
}

/** The language files the manifest's localizationInfo names, relative to the package root. */
export function localizationFiles(manifest: Manifest): string[] {
  const info = manifest.localizationInfo as
    | { defaultLanguageFile?: string; additionalLanguages?: Array<{ file: string }> }
    | undefined;
  const files = [
    info?.defaultLanguageFile,
    ...(info?.additionalLanguages ?? []).map((language) => language.file),
  ];
  return files.filter((file): file is string => typeof file === 'string');
}

export interface BuiltPackage {
  manifest: Manifest;
  zip: Buffer;
}

/** The zip Teams accepts: manifest.json, both icons and the manifest's language files at its root, nothing else. */
export async function buildAppPackage(
  values: PlaceholderValues,
  dir = APP_PACKAGE_DIR,
): Promise<BuiltPackage> {
  const manifestText = fillPlaceholders(await readFile(join(dir, 'manifest.json'), 'utf8'), values);
  const manifest = JSON.parse(manifestText) as Manifest;
  const errors = await schemaErrors(manifest);
  if (errors.length > 0)
    throw new AppPackageError(`manifest.json does not match its schema:\n  ${errors.join('\n  ')}`);
  const zip = new JSZip();
  zip.file('manifest.json', manifestText);
  for (const icon of [manifest.icons.color, manifest.icons.outline])
    zip.file(icon, await readFile(join(dir, icon)));
  for (const file of localizationFiles(manifest)) {
    const text = fillPlaceholders(await readFile(join(dir, file), 'utf8'), values);
    const problems = await localizationErrors(JSON.parse(text), manifest.manifestVersion);
    if (problems.length > 0)
      throw new AppPackageError(`${file} does not match its schema:\n  ${problems.join('\n  ')}`);
    zip.file(file, text);
  }
  // A fixed date: the same inputs give the same bytes, so a rebuilt package shows no spurious change.
  for (const file of Object.values(zip.files)) file.date = new Date('2020-01-01T00:00:00Z');
  const bytes = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
  return { manifest, zip: bytes };
}
