import { type Static, Type } from '@sinclair/typebox';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import { escapeHtml } from '../domain/html';
import { text } from '../i18n/catalog';
import type { Language } from '../i18n/language';
import { expandSearchShare } from './compiled/search-share';
import { ConversationRefSchema } from './contract';
import { literal, literalLines } from './markdown';
import { type AdaptiveCard, cardAttachment, renderCard } from './render';
import { isoSeconds } from './reply-card';

/**
 * A search result of the message extension: the card it inserts into the compose box (topic, group, preview,
 * last delivered time, "Reply"), and the thumbnail Teams lists it by.
 */

const ISO_DATE_TIME = '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})$';
const ISO_PATTERN = new RegExp(ISO_DATE_TIME);

/**
 * A listed conversation as its result carries it: the conversation as a card names it (so the shared card's
 * "Reply" sends what `openReply` accepts), plus what the shared card shows.
 */
const SearchPickSchema = Type.Object({
  ...ConversationRefSchema.properties,
  preview: Type.String({ maxLength: 1024 }),
  /** ISO 8601, as Teams' `{{DATE}}` needs it, or empty when Graph gave none. */
  lastDeliveredDateTime: Type.Union([
    Type.Literal(''),
    Type.String({ pattern: ISO_DATE_TIME, maxLength: 40 }),
  ]),
});
export type SearchPick = Static<typeof SearchPickSchema>;

const pickCheck = TypeCompiler.Compile(SearchPickSchema);

/** How much of a conversation's preview a result carries: Graph's preview is short, this bounds the card. */
const PREVIEW_CHARS = 300;

/**
 * A listed conversation as a result carries it, within the contract's limits; undefined when Graph gave
 * something the contract would refuse back (an id outside the exchange-id alphabet), so every shared card's
 * "Reply" works.
 */
export function searchPickOf(
  conversation: { id: string; topic: string; preview: string; lastDeliveredDateTime: string },
  group: { id: string; displayName: string },
): SearchPick | undefined {
  const pick = {
    groupId: group.id,
    groupName: clip(group.displayName, 256),
    conversationId: conversation.id,
    threadId: '',
    topic: clip(conversation.topic, 512),
    draftId: '',
    preview: clip(conversation.preview, PREVIEW_CHARS),
    lastDeliveredDateTime: ISO_PATTERN.test(conversation.lastDeliveredDateTime)
      ? conversation.lastDeliveredDateTime
      : '',
  };
  return pickCheck.Check(pick) ? pick : undefined;
}

/** At most `max` UTF-16 units (what the schema's maxLength counts), never splitting a character. */
function clip(text: string, max: number): string {
  let clipped = '';
  for (const char of text) {
    if (clipped.length + char.length > max) break;
    clipped += char;
  }
  return clipped;
}

/**
 * The card shared into a conversation. Its "Reply" is the reply form's `openReply` (docs/decisions.md #25):
 * Teams sends that invoke as whoever presses it, and the reply form and its draft are that person's own, so
 * everyone who sees the card replies as themselves. Universal Actions work in cards inserted by a search
 * command when the same bot serves the message extension and has the conversation's scope
 * (https://learn.microsoft.com/microsoftteams/platform/messaging-extensions/how-to/search-commands/universal-actions-for-search-based-message-extensions).
 * The card is static: its words are in the sharer's language, and `{{DATE}}` shows in each reader's locale.
 */
export function renderSearchShareCard(pick: SearchPick, language: Language): AdaptiveCard {
  const when = isoSeconds(pick.lastDeliveredDateTime);
  return renderCard(expandSearchShare, {
    topic: literal(pick.topic),
    topicData: pick.topic,
    groupLine: text(language, 'search.card.group', { group: literal(pick.groupName) }),
    groupNameData: pick.groupName,
    groupId: pick.groupId,
    conversationId: pick.conversationId,
    lastDeliveredLine:
      when === ''
        ? ''
        : text(language, 'search.card.lastDelivered', { date: `{{DATE(${when}, SHORT)}} {{TIME(${when})}}` }),
    preview: literalLines(pick.preview),
    sharedVia: text(language, 'search.card.sharedVia'),
    replyTitle: text(language, 'search.card.reply'),
  });
}

export interface ThumbnailPreview {
  contentType: 'application/vnd.microsoft.card.thumbnail';
  content: { title: string; subtitle: string; text: string };
}

/**
 * How Teams lists a result: an Adaptive Card result needs a Hero or Thumbnail `preview`
 * (https://learn.microsoft.com/microsoftteams/platform/messaging-extensions/how-to/search-commands/respond-to-search).
 * It has no `tap`: choosing a preview without one inserts the attachment's card as it is, while a tap would
 * only make Teams send `composeExtension/selectItem` first
 * (https://learn.microsoft.com/microsoftteams/platform/teams-sdk/in-depth-guides/message-extensions/search-commands).
 * The thumbnail's date has no `{{DATE}}`, so it is written here in the searcher's locale and time zone.
 * Its `text` is the one property Teams formats, as a subset of HTML (title and subtitle are shown as they are:
 * https://learn.microsoft.com/microsoftteams/platform/task-modules-and-cards/cards/cards-format), and the
 * preview is whatever anyone wrote to the group, mail from outside included: escaped, a typed `<a href>` is
 * shown as text, never made a link.
 */
export function searchPreview(pick: SearchPick, language: Language, when: string): ThumbnailPreview {
  return {
    contentType: 'application/vnd.microsoft.card.thumbnail',
    content: {
      title: pick.topic,
      subtitle:
        when === ''
          ? pick.groupName
          : text(language, 'search.preview.subtitle', { group: pick.groupName, date: when }),
      text: escapeHtml(pick.preview),
    },
  };
}

/** One result: the card Teams inserts when it is chosen, listed by its thumbnail. */
export function searchResult(pick: SearchPick, language: Language, when: string) {
  return {
    ...cardAttachment(renderSearchShareCard(pick, language)),
    preview: searchPreview(pick, language, when),
  };
}
