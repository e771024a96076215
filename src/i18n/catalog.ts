import deCards from './de/cards.json';
import deCommon from './de/common.json';
import deManifest from './de/manifest.json';
import deMessages from './de/messages.json';
import deSearch from './de/search.json';
import enCards from './en/cards.json';
import enCommon from './en/common.json';
import enManifest from './en/manifest.json';
import enMessages from './en/messages.json';
import enSearch from './en/search.json';
import { LANGUAGES, type Language } from './language';

/**
 * Every user-facing string, one catalog per language, split by area so each area's texts sit in one file.
 * English is the reference: its keys are the `MessageKey` type, and every other language must have exactly
 * the same keys (a test compares them, `satisfies` below catches a missing one at compile time).
 *
 * A value is either a string or plural forms keyed by `Intl.PluralRules` category ("one", "other", …);
 * `{name}` marks a parameter. Parameters are inserted as given: escape user text for its target (markdown
 * in a TextBlock, HTML for Graph) before passing it.
 */
const english = { ...enCommon, ...enCards, ...enMessages, ...enSearch, ...enManifest };

export type MessageKey = keyof typeof english;
export type PluralForms = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };
type CatalogValue = string | PluralForms;
type Catalog = Record<MessageKey, CatalogValue>;

const german = { ...deCommon, ...deCards, ...deMessages, ...deSearch, ...deManifest } satisfies Catalog;

const catalogs = new Map<Language, Catalog>([
  ['en', english],
  ['de', german],
]);

export type MessageParams = Readonly<Record<string, string | number>>;

/** A user-facing message as a value: what to say, not yet in which language. */
export interface Message {
  key: MessageKey;
  params?: MessageParams;
}

const pluralRules = new Map(LANGUAGES.map((language) => [language, new Intl.PluralRules(language)]));

/** The text for a key in a language; plural forms are chosen by the `count` parameter. */
export function text(language: Language, key: MessageKey, params: MessageParams = {}): string {
  const value = (catalogs.get(language) ?? english)[key];
  return fill(typeof value === 'string' ? value : pluralForm(language, value, params.count), params);
}

export function translate(language: Language, message: Message): string {
  return text(language, message.key, message.params);
}

/** Catalog access for tests and tools (manifest localization, the "no text outside the catalog" check). */
export function catalogOf(language: Language): Readonly<Catalog> {
  return catalogs.get(language) ?? english;
}

function pluralForm(language: Language, forms: PluralForms, count: string | number | undefined): string {
  const n = typeof count === 'number' ? count : Number(count ?? Number.NaN);
  const category = Number.isFinite(n) ? pluralCategory(language, n) : 'other';
  return forms[category] ?? forms.other;
}

/**
 * `Intl.PluralRules.select` is a call into ICU on every card that shows a count; the small counts cards
 * show (replies, groups, people) are answered from a table built once per language.
 */
const SMALL_COUNTS = 100;
const smallCountCategories = new Map(
  LANGUAGES.map((language) => {
    const rules = new Intl.PluralRules(language);
    return [language, Array.from({ length: SMALL_COUNTS + 1 }, (_, n) => rules.select(n))];
  }),
);

function pluralCategory(language: Language, n: number): Intl.LDMLPluralRule {
  const small = Number.isInteger(n) && n >= 0 && n <= SMALL_COUNTS;
  return (small ? smallCountCategories.get(language)?.[n] : pluralRules.get(language)?.select(n)) ?? 'other';
}

function fill(template: string, params: MessageParams): string {
  return template.replace(/\{(\w+)\}/g, (placeholder, name: string) => {
    const value = params[name];
    return value === undefined ? placeholder : String(value);
  });
}
