import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { catalogOf, type MessageKey, text, translate } from '../../src/i18n/catalog';
import { LANGUAGES, type Language, languageOf } from '../../src/i18n/language';

/**
 * The catalogs as shipped: one JSON file per area and language (src/i18n/<language>/<area>.json). Read from
 * disk, so an area added later is checked without touching this test.
 */
const I18N = join(__dirname, '../../src/i18n');

type Value = string | Record<string, string>;

function areaFiles(language: Language): Map<string, Map<string, Value>> {
  const dir = join(I18N, language);
  const files = readdirSync(dir).filter((file) => file.endsWith('.json'));
  return new Map(
    files.map((file) => {
      const entries = Object.entries(
        JSON.parse(readFileSync(join(dir, file), 'utf8')) as Record<string, Value>,
      );
      return [basename(file, '.json'), new Map(entries)];
    }),
  );
}

const AREAS = new Map(LANGUAGES.map((language) => [language, areaFiles(language)]));
const english = AREAS.get('en') ?? new Map<string, Map<string, Value>>();
const others = LANGUAGES.filter((language) => language !== 'en');

function forms(value: Value): string[] {
  return typeof value === 'string' ? [value] : Object.values(value);
}

function placeholders(value: Value): string[] {
  const names = new Set(
    forms(value).flatMap((form) => [...form.matchAll(/\{(\w+)\}/g)].map((match) => match[1])),
  );
  return [...names].sort();
}

describe('the catalogs: every language says everything English says', () => {
  test('every language has the same area files, and each key is prefixed by its area', () => {
    expect(english.size).toBeGreaterThan(0);
    for (const language of LANGUAGES) {
      const areas = AREAS.get(language) ?? new Map();
      expect([...areas.keys()].sort()).toEqual([...english.keys()].sort());
      for (const [area, entries] of areas)
        for (const key of entries.keys())
          expect({ language, key }).toEqual({
            language,
            key: expect.stringMatching(new RegExp(`^${area}\\.`)),
          });
    }
  });

  test.each(others)('%s has exactly the keys of English, area by area', (language) => {
    for (const [area, entries] of english) {
      const translated = AREAS.get(language)?.get(area) ?? new Map();
      expect({ area, keys: [...translated.keys()].sort() }).toEqual({
        area,
        keys: [...entries.keys()].sort(),
      });
    }
  });

  test('every area file is merged into the catalog that text() reads', () => {
    for (const language of LANGUAGES) {
      const onDisk = [...(AREAS.get(language) ?? new Map()).values()].flatMap((entries) => [
        ...entries.keys(),
      ]);
      expect(Object.keys(catalogOf(language)).sort()).toEqual(onDisk.sort());
    }
  });

  test.each(others)('%s uses the same placeholders as English in every text', (language) => {
    for (const [area, entries] of english)
      for (const [key, value] of entries) {
        const translated = AREAS.get(language)?.get(area)?.get(key);
        expect({ key, placeholders: translated === undefined ? [] : placeholders(translated) }).toEqual({
          key,
          placeholders: placeholders(value),
        });
      }
  });

  test.each(LANGUAGES)(
    'plural texts in %s have exactly the categories Intl.PluralRules selects from',
    (language) => {
      const categories = [...new Intl.PluralRules(language).resolvedOptions().pluralCategories].sort();
      for (const entries of AREAS.get(language)?.values() ?? [])
        for (const [key, value] of entries)
          if (typeof value !== 'string')
            expect({ key, categories: Object.keys(value).sort() }).toEqual({ key, categories });
    },
  );

  test.each(LANGUAGES)('no text in %s is empty', (language) => {
    for (const entries of AREAS.get(language)?.values() ?? [])
      for (const [key, value] of entries)
        for (const form of forms(value))
          expect({ key, form: form.trim().length > 0 }).toEqual({ key, form: true });
  });
});

describe('text and translate', () => {
  test('fill placeholders and choose the plural form by count, per language', () => {
    expect(text('en', 'cards.common.replyCount', { count: 1 })).toBe('1 reply');
    expect(text('en', 'cards.common.replyCount', { count: 0 })).toBe('0 replies');
    expect(text('de', 'cards.common.replyCount', { count: 1 })).toBe('1 Antwort');
    expect(text('de', 'cards.common.replyCount', { count: 12 })).toBe('12 Antworten');
    // Counts past the small-count table and non-integers are asked of Intl.PluralRules itself.
    expect(text('en', 'cards.common.replyCount', { count: 1001 })).toBe('1001 replies');
    expect(text('en', 'cards.common.replyCount', { count: 1.5 })).toBe('1.5 replies');
    expect(text('de', 'cards.pending.byOther', { author: 'Alex Wilber', topic: 'Budget' })).toBe(
      'Alex Wilber sendet „Budget“ …',
    );
  });

  test('a value is inserted as given, never read as a placeholder itself', () => {
    expect(text('en', 'cards.recent.headingGroup', { group: '{count} {group}' })).toBe(
      'Recent conversations in {count} {group}',
    );
  });

  test('a missing parameter stays visible rather than vanishing; a missing count takes the "other" form', () => {
    expect(text('en', 'cards.common.supportReference')).toBe(
      'Support reference (Graph request-id): {requestId}',
    );
    expect(text('en', 'cards.common.replyCount')).toBe('{count} replies');
  });

  test('translate is text for a message value', () => {
    const message = { key: 'cards.common.replyCount' as MessageKey, params: { count: 2 } };
    expect(translate('de', message)).toBe('2 Antworten');
    expect(translate('en', { key: 'cards.form.titleNew' })).toBe('Start a group conversation');
  });
});

describe('languageOf: the activity locale picks the catalog, English otherwise', () => {
  test.each([
    ['de-DE', 'de'],
    ['de-AT', 'de'],
    ['de-CH', 'de'],
    ['de', 'de'],
    ['DE-de', 'de'],
    ['de_DE', 'de'],
    ['en-US', 'en'],
    ['en-GB', 'en'],
    ['fr-FR', 'en'],
    ['nl', 'en'],
    ['', 'en'],
    ['constructor', 'en'],
    [undefined, 'en'],
  ])('%p → %s', (locale, language) => {
    expect(languageOf(locale)).toBe(language);
  });
});
