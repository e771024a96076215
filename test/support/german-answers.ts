import { catalogOf, type Message, type MessageKey, text } from '../../src/i18n/catalog';
import { adaptiveCardProblems } from './adaptive-card-schema';

/**
 * What a German reader is shown, checked against the catalogs (issue #12 item 4): the German words of the
 * expected messages, and nothing of the English catalog. Texts come from `text('de', key)`, never copied.
 */

/** The texts a reader sees: TextBlocks, fact titles and values, labels, placeholders, buttons, errors. */
export function shownTexts(node: unknown): string[] {
  if (Array.isArray(node)) return node.flatMap(shownTexts);
  if (typeof node !== 'object' || node === null) return [];
  // An input's `value` is what the user typed, and action `data` goes back to the bot: neither is ours.
  const isInput = 'id' in node;
  return Object.entries(node).flatMap(([key, value]) => {
    if (key === 'data') return [];
    if (typeof value === 'string') return SHOWN.has(key) && !(key === 'value' && isInput) ? [value] : [];
    return shownTexts(value);
  });
}
const SHOWN = new Set(['text', 'title', 'subtitle', 'label', 'placeholder', 'errorMessage', 'value']);

/** A catalog text expected in the answer, with its parameters. */
export type Said = MessageKey | Message;

/**
 * The answer says each message as the German catalog words it, never as the English one, and nothing of
 * the English catalog shows anywhere in it.
 */
export function expectGerman(answer: unknown, ...said: Said[]): void {
  const shown = shownTexts(answer);
  for (const message of said) {
    const { key, params } = typeof message === 'string' ? { key: message, params: undefined } : message;
    expect(shown).toContainEqual(expect.stringContaining(text('de', key, params)));
    expect(shown).not.toContainEqual(expect.stringContaining(text('en', key, params)));
  }
  expect(englishIn(shown)).toEqual([]);
}

/** A German Adaptive Card: valid 1.5, and German as `expectGerman` says. */
export function expectGermanCard(card: unknown, ...said: Said[]): void {
  expect(adaptiveCardProblems(card)).toEqual([]);
  expectGerman(card, ...said);
}

/** A message whose parameters are not known in advance (a Graph request-id): its German words around them. */
export function germanPattern(key: MessageKey): RegExp {
  const escaped = text('de', key).replace(/[.*+?^$()|[\]\\]/g, '\\$&');
  return new RegExp(escaped.replace(/\{\w+\}/g, '.+'));
}

/**
 * Pieces of the English catalog no German text contains: a one-word text ("Reply") counts when shown on its
 * own, a longer one wherever it appears; around parameters, each piece of at least two words.
 */
const ENGLISH_PIECES = (() => {
  const forms = (value: unknown): string[] =>
    typeof value === 'string' ? [value] : Object.values(value as Record<string, string>);
  const german = Object.values(catalogOf('de')).flatMap(forms).join('\n');
  return Object.entries(catalogOf('en')).flatMap(([key, value]) =>
    forms(value).flatMap((form) =>
      form
        .split(/\{\w+\}/)
        .map((piece) => piece.trim())
        .filter((piece) => (piece === form.trim() || /\S\s+\S/.test(piece)) && piece.length >= 4)
        .filter((piece) => !german.includes(piece))
        .map((piece) => ({ key, piece, whole: !/\s/.test(piece) })),
    ),
  );
})();

function englishIn(shown: string[]): string[] {
  return ENGLISH_PIECES.filter(({ piece, whole }) =>
    shown.some((line) => (whole ? line === piece : line.includes(piece))),
  ).map(({ key, piece }) => `${key}: ${piece}`);
}
