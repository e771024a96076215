import * as ACData from 'adaptivecards-templating';

export type AdaptiveCard = Record<string, unknown>;

export const ADAPTIVE_CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';

/**
 * Parsed templates, per template object (each is a module's imported JSON, so one entry per file). Parsing
 * runs every `${…}` through adaptive-expressions' ANTLR parser: once per process, not once per card.
 * `expand` builds a new card each call (it resets its own per-call state and never writes to the parsed
 * payload) and runs synchronously, so one parsed template safely serves every turn.
 */
const parsed = new WeakMap<object, ACData.Template>();

/**
 * The one way a card is made: a JSON template a designer can open, expanded with data. Values are data,
 * never template text, so whatever a user typed cannot inject expressions or JSON.
 */
export function renderCard(template: object, data: object): AdaptiveCard {
  const expanded = parsedTemplate(template).expand({ $root: data }) as AdaptiveCard;
  return withoutDroppedProperties(expanded);
}

function parsedTemplate(template: object): ACData.Template {
  let compiled = parsed.get(template);
  if (!compiled) {
    compiled = new ACData.Template(template);
    parsed.set(template, compiled);
  }
  return compiled;
}

/**
 * A property object whose `$when` is false expands to null (an element in an array is removed instead).
 * Teams would read `"refresh": null` as a malformed refresh, so such properties are left out.
 */
function withoutDroppedProperties(card: AdaptiveCard): AdaptiveCard {
  for (const [key, value] of Object.entries(card)) if (value === null) delete card[key];
  return card;
}

export function cardAttachment(card: AdaptiveCard): { contentType: string; content: AdaptiveCard } {
  return { contentType: ADAPTIVE_CARD_CONTENT_TYPE, content: card };
}
