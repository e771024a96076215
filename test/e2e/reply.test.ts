import type { Locator } from 'playwright-core';
import { DEMO_TENANT } from '../../sandbox/demo-tenant';
import { CardActionRecorder } from './support/card-actions';
import { CardView } from './support/playground-page';
import { storedReplies } from './support/sandbox-admin';
import { saveCardScreenshot } from './support/screenshots';
import { usePlaygroundSession } from './support/session';

/**
 * Reply from the confirmation card (issue #12, item 1) through the real Playground UI in headless Chromium:
 * "Reply" opens the inline form (Action.ShowCard), "Post reply" sends `postReply` (Action.Execute) and the
 * card comes back with the thread's replies. Each test opens a fresh page on the same stack and resets the
 * sandbox first.
 */

const MARKETING = DEMO_TENANT.groups.marketing;
const ALEX = DEMO_TENANT.users.alex;
const TIMEOUT_MS = 60_000;

const session = usePlaygroundSession(TIMEOUT_MS);

test(
  'the confirmation card\'s "Reply" form posts the reply to the thread once, and the card shows the reply count and latest author',
  async () => {
    const card = await startedConversation('Spring launch', 'Kick-off is on Monday at 10:00.');
    expect(await card.text('Latest reply').count()).toBe(0);

    await card.press('Reply');
    await card.replyText().fill('Count me in. I will bring the agenda.');
    await saveCardScreenshot(card.card, 'reply-form');
    await card.press('Post reply');

    await expectVisible(card.text('1 reply'));
    await expectVisible(card.text(new RegExp(`^${ALEX.displayName}, `)));
    await expectVisible(card.text('Conversation started'));
    await saveCardScreenshot(card.card, 'reply-posted');
    const replies = await storedReplies(session.stack.sandboxOrigin, MARKETING.id);
    expect(replies.map(({ body, sender }) => ({ body, from: sender.emailAddress.address }))).toEqual([
      { body: { contentType: 'html', content: 'Count me in. I will bring the agenda.' }, from: ALEX.mail },
    ]);
  },
  TIMEOUT_MS,
);

test(
  'pressing "Post reply" twice posts one reply; the card\'s next reply is a new one',
  async () => {
    const card = await startedConversation('Office move', 'We move to the 4th floor on the 12th.');
    const actions = new CardActionRecorder(session.page);

    await card.press('Reply');
    await card.replyText().fill('Which day do we pack?');
    await card.button('Post reply').dblclick();

    await expectVisible(card.text('1 reply'));
    // Both presses reached the bot, as one reply draft; each answer is the card with that one reply.
    const presses = await actions.answered('postReply');
    expect(presses.map(({ status }) => status)).toEqual([200, 200]);
    expect(new Set(presses.map(({ data }) => data.replyDraftId)).size).toBe(1);
    for (const { answer } of presses) expect(answer).toContain('1 reply');
    expect(await storedReplies(session.stack.sandboxOrigin, MARKETING.id)).toHaveLength(1);

    // The card that came back carries a new reply draft: replying again is a second reply, not a resend.
    await card.press('Reply');
    await card.replyText().fill('Friday works for me.');
    await card.press('Post reply');
    await expectVisible(card.text('2 replies'));
    const replies = await storedReplies(session.stack.sandboxOrigin, MARKETING.id);
    expect(replies.map(({ body }) => body.content)).toEqual([
      'Which day do we pack?',
      'Friday works for me.',
    ]);
  },
  TIMEOUT_MS,
);

test(
  'a reply of only spaces is refused on the card with the form kept, and nothing is posted',
  async () => {
    const card = await startedConversation('Budget questions', 'Numbers are due on Friday.');
    await card.press('Reply');
    // Blanks pass the renderer's isRequired check: the bot's own validation must answer.
    await card.replyText().fill('   ');
    await card.press('Post reply');

    await expectVisible(card.text('Reply to the conversation'));
    await expectVisible(card.text(/Write your reply/));
    await expectVisible(card.replyText());
    expect(await storedReplies(session.stack.sandboxOrigin, MARKETING.id)).toEqual([]);
  },
  TIMEOUT_MS,
);

/** Topic → form → "Start conversation" in the personal chat: the confirmation card, as the user sees it. */
async function startedConversation(topic: string, message: string): Promise<CardView> {
  const card = new CardView(await session.playground.send(topic));
  await card.chooseGroup(MARKETING.displayName);
  await card.message().fill(message);
  await card.press('Start conversation');
  await expectVisible(card.text('Conversation started'));
  return card;
}

async function expectVisible(locator: Locator): Promise<void> {
  await locator.first().waitFor({ state: 'visible', timeout: 15_000 });
}
