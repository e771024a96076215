/**
 * The manifest's user-facing strings come from the catalog (src/i18n/<language>/manifest.json): writes each
 * language file the manifest's localizationInfo names, and checks manifest.json's own (English) strings.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { catalogOf, type MessageKey, text } from '../src/i18n/catalog';
import { LANGUAGES, type Language, languageOf } from '../src/i18n/language';
import {
  APP_PACKAGE_DIR,
  AppPackageError,
  localizationErrors,
  localizationSchemaUrl,
  type Manifest,
} from './app-package';

/** The catalog keys of this area: `manifest.` and the key the localization file uses for the same string. */
const PREFIX = 'manifest.';

/** The language the manifest itself is written in (its localizationInfo.defaultLanguageTag is en-us). */
const DEFAULT_LANGUAGE: Language = 'en';

interface LocalizableManifest {
  name: { short: string; full: string };
  description: { short: string; full: string };
  bots?: Array<{ commandLists?: Array<{ commands: Array<{ title: string; description: string }> }> }>;
  composeExtensions?: Array<{
    commands?: Array<{
      title: string;
      description?: string;
      parameters?: Array<{ title: string; description?: string }>;
    }>;
  }>;
  localizationInfo?: { additionalLanguages?: Array<{ languageTag: string; file: string }> };
}

/**
 * Every string of the manifest that a localization file can replace, by its key there, in manifest order
 * (https://learn.microsoft.com/microsoftteams/platform/resources/schema/localization-schema).
 */
export function localizableStrings(manifest: Manifest): Map<string, string> {
  const { name, description, bots = [], composeExtensions = [] } = manifest as unknown as LocalizableManifest;
  const strings = new Map<string, string>([
    ['name.short', name.short],
    ['name.full', name.full],
    ['description.short', description.short],
    ['description.full', description.full],
  ]);
  const set = (key: string, value: string | undefined) => {
    if (value !== undefined) strings.set(key, value);
  };
  bots.forEach((bot, b) => {
    (bot.commandLists ?? []).forEach((list, l) => {
      list.commands.forEach((command, c) => {
        set(`bots[${b}].commandLists[${l}].commands[${c}].title`, command.title);
        set(`bots[${b}].commandLists[${l}].commands[${c}].description`, command.description);
      });
    });
  });
  composeExtensions.forEach((extension, e) => {
    (extension.commands ?? []).forEach((command, c) => {
      const prefix = `composeExtensions[${e}].commands[${c}]`;
      set(`${prefix}.title`, command.title);
      set(`${prefix}.description`, command.description);
      (command.parameters ?? []).forEach((parameter, p) => {
        set(`${prefix}.parameters[${p}].title`, parameter.title);
        set(`${prefix}.parameters[${p}].description`, parameter.description);
      });
    });
  });
  return strings;
}

/**
 * The catalog's manifest strings in a language, by localization key. `{help}`, `{signOut}` and `{recent}`
 * are the chat command words of that language (`messages.command.*`), so the command menu and the
 * description name the very words the bot answers to.
 */
export function catalogStrings(language: Language): Map<string, string> {
  const words = {
    help: text(language, 'messages.command.help'),
    signOut: text(language, 'messages.command.signOut'),
    recent: text(language, 'messages.command.recent'),
  };
  const keys = Object.keys(catalogOf(language)).filter((key) => key.startsWith(PREFIX)) as MessageKey[];
  return new Map(keys.map((key) => [key.slice(PREFIX.length), text(language, key, words)]));
}

/** Where manifest.json's own strings differ from the English catalog, one line per key. */
export function manifestDrift(manifest: Manifest): string[] {
  const inManifest = localizableStrings(manifest);
  const inCatalog = catalogStrings(DEFAULT_LANGUAGE);
  const problems: string[] = [];
  for (const [key, value] of inManifest) {
    const expected = inCatalog.get(key);
    if (expected === undefined) problems.push(`${key}: not in src/i18n/en/manifest.json (${PREFIX}${key})`);
    else if (expected !== value)
      problems.push(
        `${key}: manifest.json says ${JSON.stringify(value)}, the catalog ${JSON.stringify(expected)}`,
      );
  }
  for (const key of inCatalog.keys())
    if (!inManifest.has(key))
      problems.push(`${key}: in the catalog (${PREFIX}${key}) but not in manifest.json`);
  return problems;
}

/** The language files localizationInfo names, each with the catalog language that fills it. */
export function localizationTargets(manifest: Manifest): Array<{ language: Language; file: string }> {
  const additional = (manifest as unknown as LocalizableManifest).localizationInfo?.additionalLanguages ?? [];
  const targets = additional.map(({ languageTag, file }) => {
    const language = languageOf(languageTag);
    if (language === DEFAULT_LANGUAGE)
      throw new AppPackageError(`localizationInfo names "${languageTag}", a language with no catalog.`);
    return { language, file };
  });
  const missing = LANGUAGES.filter(
    (language) => language !== DEFAULT_LANGUAGE && !targets.some((target) => target.language === language),
  );
  if (missing.length > 0)
    throw new AppPackageError(
      `localizationInfo has no file for ${missing.join(', ')}, which the bot speaks.`,
    );
  return targets;
}

/** A localization file's text, as committed: its schema first, then the strings in manifest order. */
export function localizationFileText(manifest: Manifest, language: Language): string {
  const translated = catalogStrings(language);
  const entries = [...localizableStrings(manifest).keys()].flatMap((key) => {
    const value = translated.get(key);
    return value === undefined ? [] : [[key, value] as const];
  });
  const file = { $schema: localizationSchemaUrl(manifest.manifestVersion), ...Object.fromEntries(entries) };
  return `${JSON.stringify(file, null, 2)}\n`;
}

export interface ManifestStringsResult {
  /** Language files rewritten from the catalog (write mode) or out of date (check mode). */
  changed: string[];
}

/**
 * Brings the package's language files in line with the catalog (or, with `write: false`, reports those that
 * are not) and checks manifest.json against the English catalog. Throws AppPackageError on any drift that
 * writing cannot fix, or on a stale file in check mode.
 */
export async function syncManifestStrings(
  options: { write: boolean; dir?: string } = { write: true },
): Promise<ManifestStringsResult> {
  const dir = options.dir ?? APP_PACKAGE_DIR;
  const manifest = JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8')) as Manifest;
  const problems = manifestDrift(manifest).map((problem) => `manifest.json ${problem}`);
  const changed: string[] = [];
  for (const { language, file } of localizationTargets(manifest)) {
    const wanted = localizationFileText(manifest, language);
    for (const error of await localizationErrors(JSON.parse(wanted), manifest.manifestVersion))
      problems.push(`${file} (from src/i18n/${language}/manifest.json) ${error}`);
    const current = await readFile(join(dir, file), 'utf8').catch(() => '');
    if (current === wanted) continue;
    changed.push(file);
    if (options.write) await writeFile(join(dir, file), wanted);
    else
      problems.push(
        `${file} is not what src/i18n/${language}/manifest.json gives: run npm run i18n:manifest`,
      );
  }
  if (problems.length > 0)
    throw new AppPackageError(`The manifest's strings differ from the catalog:\n  ${problems.join('\n  ')}`);
  return { changed };
}
