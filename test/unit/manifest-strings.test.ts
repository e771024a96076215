import { readFileSync } from 'node:fs';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { APP_PACKAGE_DIR, type Manifest } from '../../scripts/app-package';
import {
  catalogStrings,
  localizableStrings,
  localizationFileText,
  localizationTargets,
  manifestDrift,
  syncManifestStrings,
} from '../../scripts/manifest-strings';
import { catalogOf, text } from '../../src/i18n/catalog';
import { LANGUAGES } from '../../src/i18n/language';

/**
 * Issue #12 item 4: the manifest's strings live in the catalog (src/i18n/<language>/manifest.json) like every
 * other user-facing string. appPackage/ stays committed, because the Agents Toolkit zips it as it is, so
 * these tests fail whenever the committed files and the catalog say different things.
 */

function committedManifest(): Manifest {
  return JSON.parse(readFileSync(join(APP_PACKAGE_DIR, 'manifest.json'), 'utf8')) as Manifest;
}

describe('the committed app package says what the catalog says', () => {
  test('manifest.json’s own strings are the English catalog’s, key for key', () => {
    expect(manifestDrift(committedManifest())).toEqual([]);
  });

  test('every language file localizationInfo names is exactly what the catalog writes (npm run i18n:manifest)', () => {
    const manifest = committedManifest();
    const targets = localizationTargets(manifest);
    expect(targets).toEqual([{ language: 'de', file: 'de.json' }]);
    for (const { language, file } of targets)
      expect(readFileSync(join(APP_PACKAGE_DIR, file), 'utf8')).toBe(
        localizationFileText(manifest, language),
      );
  });

  test('each catalog key is `manifest.` and the localization file’s key, in every language', () => {
    const keys = [...localizableStrings(committedManifest()).keys()].sort();
    for (const language of LANGUAGES) {
      const catalogKeys = Object.keys(catalogOf(language)).filter((key) => key.startsWith('manifest.'));
      expect(catalogKeys.map((key) => key.slice('manifest.'.length)).sort()).toEqual(keys);
    }
  });

  test('the command menu and the description name the chat command words of their language', () => {
    for (const language of LANGUAGES) {
      const strings = catalogStrings(language);
      const words = (['help', 'signOut', 'recent'] as const).map((command) =>
        text(language, `messages.command.${command}`),
      );
      expect([0, 1, 2].map((c) => strings.get(`bots[0].commandLists[0].commands[${c}].title`))).toEqual(
        words,
      );
      expect(strings.get('description.full')).toContain(text(language, 'messages.command.recent'));
    }
  });
});

describe('the check is real', () => {
  test('a manifest string changed by hand, a string the catalog lacks and a catalog string the manifest lacks are named', () => {
    const manifest = committedManifest() as Manifest & {
      name: { short: string };
      composeExtensions: Array<{ commands: Array<{ parameters: unknown[] }> }>;
    };
    manifest.name.short = 'Group Chats';
    manifest.composeExtensions[0].commands[0].parameters.push({ name: 'group', title: 'Group' });
    manifest.composeExtensions[0].commands.pop();
    expect(manifestDrift(manifest)).toEqual([
      'name.short: manifest.json says "Group Chats", the catalog "Group Conversations"',
      'composeExtensions[0].commands[0].parameters[1].title: not in src/i18n/en/manifest.json (manifest.composeExtensions[0].commands[0].parameters[1].title)',
      ...['title', 'description', 'parameters[0].title', 'parameters[0].description'].map(
        (field) =>
          `composeExtensions[0].commands[1].${field}: in the catalog (manifest.composeExtensions[0].commands[1].${field}) but not in manifest.json`,
      ),
    ]);
  });

  test('a stale language file fails the check and is rewritten by the tool; a wrong manifest fails even when writing', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'manifest-strings-'));
    try {
      await cp(APP_PACKAGE_DIR, dir, { recursive: true, filter: (source) => !source.includes('build') });
      const committed = await readFile(join(dir, 'de.json'), 'utf8');
      await writeFile(join(dir, 'de.json'), committed.replace('"hilfe"', '"help"'));

      await expect(syncManifestStrings({ write: false, dir })).rejects.toThrow(
        /de\.json is not what src\/i18n\/de\/manifest\.json gives: run npm run i18n:manifest/,
      );
      expect(await syncManifestStrings({ write: true, dir })).toEqual({ changed: ['de.json'] });
      expect(await readFile(join(dir, 'de.json'), 'utf8')).toBe(committed);
      expect(await syncManifestStrings({ write: false, dir })).toEqual({ changed: [] });

      const manifest = await readFile(join(dir, 'manifest.json'), 'utf8');
      await writeFile(join(dir, 'manifest.json'), manifest.replace('"title": "help"', '"title": "Help"'));
      await expect(syncManifestStrings({ write: true, dir })).rejects.toThrow(
        /manifest\.json bots\[0\]\.commandLists\[0\]\.commands\[0\]\.title: manifest\.json says "Help", the catalog "help"/,
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  test('a language the bot speaks without a file in localizationInfo, or a file for one it does not, is refused', () => {
    const manifest = committedManifest();
    const withInfo = (additionalLanguages: unknown[]) =>
      ({ ...manifest, localizationInfo: { defaultLanguageTag: 'en-us', additionalLanguages } }) as Manifest;
    expect(() => localizationTargets(withInfo([]))).toThrow(/no file for de/);
    expect(() =>
      localizationTargets(
        withInfo([
          { languageTag: 'de', file: 'de.json' },
          { languageTag: 'fr', file: 'fr.json' },
        ]),
      ),
    ).toThrow(/"fr", a language with no catalog/);
  });
});
