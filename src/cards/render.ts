export type AdaptiveCard = Record<string, unknown>;

export const ADAPTIVE_CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';

/**
 * A card template compiled at build time (src/cards/compiled/, from the designer-editable JSON in
 * src/cards/templates/ by `npm run cards:compile`): what adaptivecards-templating's `expand` gives for
 * `{ $root: data }`, without loading it (test/unit/compiled-cards.test.ts holds the two equal).
 */
export type CompiledTemplate = (data: unknown) => AdaptiveCard;

/**
 * The one way a card is made: a template a designer can open, expanded with data. Values are data, never
 * template text, so whatever a user typed cannot inject expressions or JSON. Each call builds a new card.
 */
export function renderCard(template: CompiledTemplate, data: object): AdaptiveCard {
  return withoutDroppedProperties(template(data));
}

/**
 * A property object whose `$when` is false expands to null (an element in an array is removed instead).
 * Teams would read `"refresh": null` as a malformed refresh, so such properties are left out.
 */
export function withoutDroppedProperties(card: AdaptiveCard): AdaptiveCard {
  for (const [key, value] of Object.entries(card)) if (value === null) delete card[key];
  return card;
}

export function cardAttachment(card: AdaptiveCard): { contentType: string; content: AdaptiveCard } {
  return { contentType: ADAPTIVE_CARD_CONTENT_TYPE, content: card };
}
