import { catalogOf, type Message, type MessageKey, translate } from '../i18n/catalog';
import type { Language } from '../i18n/language';
import { literal } from './markdown';

/**
 * A card template's fixed texts in one language, as template data: `${strings.checkAgain}` in the template
 * (`${$root.strings.checkAgain}` inside a `$data` scope) reads `cards.<card>.checkAgain`, else
 * `cards.common.checkAgain`. Only texts without parameters or plural forms are here; those that embed a
 * value are formatted in code (`text`, from escaped values) and passed as their own data field.
 */

/** A card's name in catalog keys: `cards.<name>.<text>`, the template's file name in camelCase. */
export type CardName = MessageKey extends infer Key
  ? Key extends `cards.${infer Card}.${string}`
    ? Exclude<Card, 'common'>
    : never
  : never;

export type CardStrings = Readonly<Record<string, string>>;

/** Built once per card and language: every render passes the same frozen object, no copy per card. */
const built = new Map<string, CardStrings>();

export function cardStrings(language: Language, card: CardName): CardStrings {
  const cacheKey = `${language}/${card}`;
  let strings = built.get(cacheKey);
  if (!strings) {
    strings = Object.freeze({ ...fixedTexts(language, 'common'), ...fixedTexts(language, card) });
    built.set(cacheKey, strings);
  }
  return strings;
}

/** A message value (a validation error, a failure notice) as a TextBlock shows it: translated, literal. */
export function shownMessage(language: Language, message: Message | undefined): string {
  return message ? literal(translate(language, message)) : '';
}

function fixedTexts(language: Language, card: CardName | 'common'): Record<string, string> {
  const prefix = `cards.${card}.`;
  const texts: Record<string, string> = {};
  for (const [key, value] of Object.entries(catalogOf(language)))
    if (key.startsWith(prefix) && typeof value === 'string' && !/\{\w+\}/.test(value))
      texts[key.slice(prefix.length)] = value;
  return texts;
}
