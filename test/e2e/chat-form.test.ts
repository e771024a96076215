import { DEMO_TENANT } from '../../sandbox/demo-tenant';
import { CardView } from './support/playground-page';
import { failNextGraphRequests, storedConversations } from './support/sandbox-admin';
import { saveCardScreenshot } from './support/screenshots';
import { usePlaygroundSession } from './support/session';

/**
 * The chat form through the real Playground UI in headless Chromium: what a developer sees after
 * `npm start`. Each test opens a fresh page on the same stack and resets the sandbox first.
 */

const MARKETING = DEMO_TENANT.groups.marketing;
const FALCON = DEMO_TENANT.groups.falcon;
/** The bot's name in .m365agentsplayground.yml, which the mention picker lists. */
const BOT_NAME = 'Group Conversations';
// Playground, bot and Graph round trips plus Chromium start-up: far above the ~3 s a flow takes here.
const TIMEOUT_MS = 60_000;

const session = usePlaygroundSession(TIMEOUT_MS);

test(
  'personal chat: message → form → submit → confirmation, and the sandbox stored exactly that conversation',
  async () => {
    const form = new CardView(await session.playground.send('Spring launch'));
    await expectVisible(form.text('Start a group conversation'));
    await expectValue(form.topic(), 'Spring launch');
    await saveCardScreenshot(form.card, 'form');

    await form.chooseGroup(MARKETING.displayName);
    await form.message().fill('Kick-off is on Monday at 10:00. Agenda to follow.');
    await form.press('Start conversation');

    await expectVisible(form.text('Conversation started'));
    await expectVisible(form.text('Spring launch'));
    await saveCardScreenshot(form.card, 'confirmation');
    const stored = await storedConversations(session.stack.sandboxOrigin);
    expect(stored.map(({ topic, groupId }) => ({ topic, groupId }))).toEqual([
      { topic: 'Spring launch', groupId: MARKETING.id },
    ]);
  },
  TIMEOUT_MS,
);

test(
  "team channel: the form posts to the team's linked group without asking which group",
  async () => {
    await session.playground.openConversation('General');
    const form = new CardView(await session.playground.postMentioning(BOT_NAME, 'Q3 campaign review'));
    await expectVisible(form.text(/Posts to the conversations of/));
    await expectValue(form.topic(), 'Q3 campaign review');
    expect(await form.card.getByPlaceholder('Choose a group').count()).toBe(0);

    await form.message().fill('Please add your numbers before Friday.');
    await form.press('Start conversation');

    await expectVisible(form.text('Conversation started'));
    const stored = await storedConversations(session.stack.sandboxOrigin);
    expect(stored.map(({ topic, groupId }) => ({ topic, groupId }))).toEqual([
      { topic: 'Q3 campaign review', groupId: MARKETING.id },
    ]);
  },
  TIMEOUT_MS,
);

test(
  'group chat: a message that mentions the bot opens the form, and submitting it posts to the chosen group',
  async () => {
    await session.playground.openConversation('Launch planning');
    const form = new CardView(await session.playground.send('Launch checklist', BOT_NAME));
    await expectValue(form.topic(), 'Launch checklist');
    await form.chooseGroup(FALCON.displayName);
    await form.message().fill('Who owns the press kit?');
    await form.press('Start conversation');

    await expectVisible(form.text('Conversation started'));
    const stored = await storedConversations(session.stack.sandboxOrigin);
    expect(stored.map(({ topic, groupId }) => ({ topic, groupId }))).toEqual([
      { topic: 'Launch checklist', groupId: FALCON.id },
    ]);
  },
  TIMEOUT_MS,
);

test(
  'validation: an empty message shows the error, keeps the typed topic and posts nothing',
  async () => {
    const form = new CardView(await session.playground.send('Budget questions'));
    await form.chooseGroup(MARKETING.displayName);
    await form.press('Start conversation');

    // The renderer enforces isRequired itself, as Teams does, so the bot never sees this attempt.
    await expectVisible(form.text('Write the message to post.'));
    await expectValue(form.topic(), 'Budget questions');

    // Blanks pass the renderer's check: the bot's own validation must answer, on the same card.
    await form.message().fill('   ');
    await form.press('Start conversation');
    await expectVisible(form.text('Please fix the following:'));
    await expectVisible(form.text(/Write the message to post\./));
    await expectValue(form.topic(), 'Budget questions');
    await saveCardScreenshot(form.card, 'validation-error');
    expect(await storedConversations(session.stack.sandboxOrigin)).toEqual([]);
  },
  TIMEOUT_MS,
);

test(
  'Graph failure: a friendly error with the draft kept, and "Try again" then posts it once',
  async () => {
    const form = new CardView(await session.playground.send('Office move'));
    await form.chooseGroup(MARKETING.displayName);
    await form.message().fill('We move to the 4th floor on the 12th.');
    // Retry-After beyond the bot's invoke budget: it must give up at once and tell the user, not spin.
    await failNextGraphRequests(session.stack.sandboxOrigin, {
      count: 1,
      status: 503,
      retryAfterSeconds: 30,
      path: '/conversations',
    });
    await form.press('Start conversation');

    await expectVisible(form.text(/Microsoft Graph is busy right now\. Nothing was posted/));
    await expectValue(form.message(), 'We move to the 4th floor on the 12th.');
    await saveCardScreenshot(form.card, 'graph-error');
    expect(await storedConversations(session.stack.sandboxOrigin)).toEqual([]);

    await form.press('Try again');
    await expectVisible(form.text('Conversation started'));
    const stored = await storedConversations(session.stack.sandboxOrigin);
    expect(stored.map(({ topic }) => topic)).toEqual(['Office move']);
  },
  TIMEOUT_MS,
);

async function expectVisible(locator: import('playwright-core').Locator): Promise<void> {
  await locator.first().waitFor({ state: 'visible', timeout: 15_000 });
}

async function expectValue(locator: import('playwright-core').Locator, value: string): Promise<void> {
  expect(await locator.inputValue()).toBe(value);
}
