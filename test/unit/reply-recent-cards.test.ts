import { renderConfirmationCard } from '../../src/cards/confirmation-card';
import { renderRecentCard } from '../../src/cards/recent-card';
import type { AdaptiveCard } from '../../src/cards/render';
import { type ReplyCardState, renderReplyCard } from '../../src/cards/reply-card';
import { LIMITS } from '../../src/domain/limits';
import type { ReplyTarget } from '../../src/domain/reply';
import { LANGUAGES } from '../../src/i18n/language';
import { adaptiveCardProblems } from '../support/adaptive-card-schema';

/**
 * The reply and recent cards, every state, at every limit's maximum: valid Adaptive Cards 1.5 and under
 * 40 KB (docs/decisions.md "Cards fit", #25).
 */

const BUDGET = 40 * 1024;
const guid = (i: number) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
const exchangeId = 'A'.repeat(200);
const target: ReplyTarget = {
  groupId: guid(1),
  groupName: 'G'.repeat(256),
  conversationId: exchangeId,
  threadId: exchangeId,
  topic: '話'.repeat(512),
  draftId: guid(2),
};
const summary = { replyCount: 99, latestAuthor: 'N'.repeat(256), latestAt: '2026-11-27T12:00:00.000Z' };

function fits(card: AdaptiveCard): void {
  expect(adaptiveCardProblems(card)).toEqual([]);
  expect(Buffer.byteLength(JSON.stringify(card))).toBeLessThan(BUDGET);
}

const STATES: ReplyCardState[] = ['form', 'pending', 'unknown', 'posted'];

test.each(LANGUAGES.flatMap((language) => STATES.map((state) => [language, state] as const)))(
  'reply card in %s, %s',
  (language, state) => {
    fits(
      renderReplyCard(language, {
        state,
        target,
        replyDraftId: guid(3),
        // The longest reply the form ever shows again: the byte limit, in 3-byte characters.
        replyText: '語'.repeat(Math.floor(LIMITS.bodyMaxBytes / 3)),
        error: {
          key: 'messages.replyValidation.tooLong',
          params: { count: 3000, limit: LIMITS.bodyMaxBytes },
        },
        notice: { key: 'messages.replyFailure.consent' },
        requestId: guid(4),
        lookedUp: true,
        authorMri: `29:${'1'.repeat(40)}`,
        summary,
      }),
    );
  },
);

test('an unknown reply refreshes only for its author and offers "Post anyway" only after a look-up', () => {
  const base = { state: 'unknown' as const, target, replyDraftId: guid(3), authorMri: '29:1abc' };
  const notLooked = renderReplyCard('en', { ...base, lookedUp: false });
  const looked = renderReplyCard('en', { ...base, lookedUp: true });
  const titles = (card: AdaptiveCard) => (card.actions as Array<{ title: string }>).map((a) => a.title);
  expect(titles(notLooked)).not.toContain('Post anyway');
  expect(titles(looked)).toContain('Post anyway');
  expect((looked.refresh as { userIds: string[] }).userIds).toEqual(['29:1abc']);
  expect(renderReplyCard('en', { ...base, state: 'form' }).refresh).toBeUndefined();
});

test.each([
  ['en', '99 replies'],
  ['de', '99 Antworten'],
] as const)('confirmation card with a reply summary, in %s', (language, replies) => {
  const card = renderConfirmationCard(
    language,
    {
      draftId: guid(2),
      conversationId: exchangeId,
      threadId: exchangeId,
      topic: target.topic,
      groupId: guid(1),
      groupName: target.groupName,
      participants: Array.from({ length: 100 }, (_, i) => ({
        name: 'P'.repeat(100),
        address: `p${i}@x.com`,
      })),
      createdAt: '2026-11-27T11:00:00.000Z',
      startedBy: 'S'.repeat(256),
      preview: 'V'.repeat(200),
    },
    { summary },
  );
  expect(adaptiveCardProblems(card)).toEqual([]);
  expect(JSON.stringify(card)).toContain(replies);
  expect(Buffer.byteLength(JSON.stringify(card))).toBeLessThan(BUDGET);
});

test.each(LANGUAGES)(
  'recent card in %s: 10 conversations with the longest topics and previews, and the choice of 100 groups',
  (language) => {
    const group = { id: guid(1), displayName: 'G'.repeat(256) };
    const conversations = Array.from({ length: 10 }, (_, i) => ({
      id: exchangeId,
      topic: '話'.repeat(255),
      lastDeliveredDateTime: `2026-11-${String(10 + i)}T10:00:00Z`,
      preview: 'P'.repeat(255),
    }));
    fits(renderRecentCard(language, { state: 'list', group, conversations, sinceDays: 30 }));
    fits(renderRecentCard(language, { state: 'empty', group, sinceDays: 30 }));
    fits(
      renderRecentCard(language, {
        state: 'failed',
        group,
        notice: { key: 'messages.listFailure.busy' },
        requestId: guid(5),
      }),
    );
    fits(renderRecentCard(language, { state: 'noGroups' }));
    const groups = Array.from({ length: 100 }, (_, i) => ({ id: guid(i), displayName: 'G'.repeat(256) }));
    fits(renderRecentCard(language, { state: 'choice', groups }));
  },
);
