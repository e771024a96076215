import type { Locator } from 'playwright-core';
import { DEMO_TENANT } from '../../sandbox/demo-tenant';
import { INVOKE_PATH } from './support/card-actions';
import { type InvokeRequest, SearchFlyout } from './support/message-extension';
import { CardView } from './support/playground-page';
import { saveCardScreenshot } from './support/screenshots';
import { usePlaygroundSession } from './support/session';

/**
 * The search command of the message extension (issue #12, item 2) through the real Playground UI in headless
 * Chromium: "+" → "Search Command", the command id and parameter typed into the Playground's own fields (it
 * ignores the manifest), then the search words. The results' previews have no `tap`, so choosing one inserts
 * its card as it is, as Teams does (docs/decisions.md #28): no `composeExtension/selectItem` round trip, which
 * this Playground (0.2.28) could not show anyway (it refuses result lists with a tap).
 */

/** The search command and its parameter in appPackage/manifest.json. */
const COMMAND_ID = 'searchConversations';
const PARAMETER = 'searchText';
const { marketing: MARKETING, falcon: FALCON } = DEMO_TENANT.groups;
const TIMEOUT_MS = 90_000;

interface QueryAnswer {
  composeExtension?: {
    type: string;
    attachments?: Array<{ content: unknown; preview?: { content?: { title?: string; tap?: unknown } } }>;
  };
}

const session = usePlaygroundSession(TIMEOUT_MS);

test(
  'search → the matching conversations are listed → choosing one puts its card in the compose box → sent, its "Reply" works',
  async () => {
    await startConversation('Spring launch', MARKETING.displayName, 'Kick-off is on Monday at 10:00.');
    await startConversation('Launch checklist', FALCON.displayName, 'Who owns the press kit?');
    await startConversation('Budget review', MARKETING.displayName, 'Numbers by Friday, please.');
    const invokes: string[] = [];
    session.page.on('request', (request) => {
      if (request.url().endsWith(INVOKE_PATH))
        invokes.push((request.postDataJSON() as InvokeRequest | null)?.name ?? '');
    });

    const flyout = await SearchFlyout.fromComposeBox(session.page, COMMAND_ID, PARAMETER);
    const query = await flyout.search('launch');

    expect(query.request.value).toMatchObject({
      commandId: COMMAND_ID,
      parameters: [{ name: PARAMETER, value: 'launch' }],
    });
    expect(query.status).toBe(200);
    const answer = (query.body as QueryAnswer).composeExtension;
    expect(answer?.type).toBe('result');
    const results = answer?.attachments ?? [];
    expect(results.map((result) => result.preview?.content?.title).sort()).toEqual([
      'Launch checklist',
      'Spring launch',
    ]);
    for (const result of results) {
      expect(result.preview?.content?.tap).toBeUndefined();
      expect(JSON.stringify(result.content)).toContain('"verb":"openReply"');
    }
    await expectVisible(flyout.result('Launch checklist'));
    await expectVisible(flyout.result('Spring launch'));
    await expectVisible(flyout.text(`${MARKETING.displayName} · `));
    await saveCardScreenshot(flyout.surface, 'search-results');

    const composed = await flyout.choose('Spring launch');
    await expectVisible(composed.text(`Group: ${MARKETING.displayName}`));
    await expectVisible(composed.text('Kick-off is on Monday at 10:00.'));
    await expectVisible(composed.button('Reply'));
    await saveCardScreenshot(composed.card, 'search-chosen');

    const shared = new CardView(await session.playground.sendComposed('Spring launch'));
    await expectVisible(shared.text(`Group: ${MARKETING.displayName}`));
    // Choosing a result and sending its card asked the bot nothing more.
    expect(invokes).toEqual(['composeExtension/query']);

    // The Playground posts the card as a message from the user (an empty placeholder span as its text, the
    // card attached): the bot answers nothing to that, and the card's "Reply" opens the reply form in place.
    await shared.press('Reply');
    await expectVisible(session.page.getByPlaceholder('Write your reply'));
    expect(invokes).toEqual(['composeExtension/query', 'adaptiveCard/action']);
    await expectVisible(session.page.getByText('Reply to the conversation'));
    expect(await session.page.getByText('Start a group conversation').count()).toBe(0);
  },
  TIMEOUT_MS,
);

test(
  'words no topic holds: the answer says so, and the Playground shows it',
  async () => {
    await startConversation('Spring launch', MARKETING.displayName, 'Kick-off is on Monday at 10:00.');

    const flyout = await SearchFlyout.fromComposeBox(session.page, COMMAND_ID, PARAMETER);
    const query = await flyout.search('offsite');

    expect(query.status).toBe(200);
    expect(JSON.stringify(query.body)).toContain('“offsite”');
    await expectVisible(flyout.text(/has “offsite” in its topic/));
  },
  TIMEOUT_MS,
);

/** Topic → form → "Start conversation" in the personal chat, as the user does it. */
async function startConversation(topic: string, group: string, message: string): Promise<void> {
  const form = new CardView(await session.playground.send(topic));
  await form.chooseGroup(group);
  await form.message().fill(message);
  await form.press('Start conversation');
  await expectVisible(form.text('Conversation started'));
}

async function expectVisible(locator: Locator): Promise<void> {
  await locator.first().waitFor({ state: 'visible', timeout: 15_000 });
}
