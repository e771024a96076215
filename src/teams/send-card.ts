import type { TurnContext } from 'botbuilder';
import { type AdaptiveCard, cardAttachment } from '../cards/render';
import type { Logger } from '../shared/logger';

/**
 * Sends a card to the conversation. Teams refuses a message over its size limit with 413
 * (MessageSizeTooBig / RequestEntityTooLarge; ~100 KB documented, reports of ~70 KB): the user then gets
 * `fallback` in plain words instead of a failed turn. Our cards are measured to stay far below
 * (test/unit/cards.test.ts), so this is the safety net, logged with the card's size.
 */
export async function sendCard(
  context: TurnContext,
  card: AdaptiveCard,
  fallback: string,
  logger: Logger,
): Promise<void> {
  try {
    await context.sendActivity({ attachments: [cardAttachment(card)] });
  } catch (error) {
    if ((error as { statusCode?: unknown } | null)?.statusCode !== 413) throw error;
    logger.warn('card.too_large', { bytes: Buffer.byteLength(JSON.stringify(card)) });
    await context.sendActivity(fallback);
  }
}
