import * as ACData from 'adaptivecards-templating';

export type AdaptiveCard = Record<string, unknown>;

export const ADAPTIVE_CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';

/**
 * The one way a card is made: a JSON template a designer can open, expanded with data. Values are data,
 * never template text, so whatever a user typed cannot inject expressions or JSON.
 */
export function renderCard(template: object, data: object): AdaptiveCard {
  const expanded = new ACData.Template(template).expand({ $root: data }) as AdaptiveCard;
  return withoutDroppedProperties(expanded);
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
