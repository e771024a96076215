import { randomUUID } from 'node:crypto';
import { DEMO_TENANT } from '../../sandbox/demo-tenant';
import { adaptiveCardProblems } from '../support/adaptive-card-schema';
import { type BotHarness, startBotHarness } from '../support/bot-harness';
import {
  cardActionActivity,
  invokeActivity,
  messageActivity,
  type TeamsActivity,
} from '../support/teams-activities';

/**
 * Messages follow the activity's `locale` (issue #12 item 4): Teams puts the client's language on every
 * activity, so a German Teams gets German validation errors, Graph notices and chat replies, and a language
 * we do not ship gets English. Through /api/messages, as Teams sends it.
 */

const { groups } = DEMO_TENANT;

let bot: BotHarness;
beforeAll(async () => {
  bot = await startBotHarness({ env: { INVOKE_BUDGET_MS: '4000' } });
});
afterAll(() => bot?.close());
beforeEach(() => bot.reset());

function inLocale(locale: string, activity: TeamsActivity): TeamsActivity {
  return { ...activity, locale };
}

function submission(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    draftId: randomUUID(),
    linkedGroupId: '',
    linkedGroupName: '',
    groupChoices: [{ id: groups.falcon.id, displayName: groups.falcon.displayName }],
    groupId: groups.falcon.id,
    topic: 'Falcon: Startfreigabe',
    body: 'Hallo zusammen,\nbitte prüfen Sie den Startplan.',
    ...overrides,
  };
}

/** Submits the form in a locale; answers the returned card, checked against Adaptive Cards 1.5. */
async function submitIn(locale: string, data: Record<string, unknown>): Promise<unknown> {
  const activity = cardActionActivity(bot.connector.serviceUrl, 'createConversation', data);
  const response = await bot.post(inLocale(locale, activity));
  expect(response.status).toBe(200);
  const card = (response.body as { value: unknown }).value;
  expect(adaptiveCardProblems(card)).toEqual([]);
  return card;
}

/** Every `text` a card shows (TextBlocks, and the like), in order. */
function shownTexts(node: unknown): string[] {
  if (Array.isArray(node)) return node.flatMap(shownTexts);
  if (typeof node !== 'object' || node === null) return [];
  return Object.entries(node).flatMap(([key, value]) =>
    key === 'text' && typeof value === 'string' ? [value] : shownTexts(value),
  );
}

function conversationPosts() {
  return bot.sandbox.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/conversations'));
}

describe('a German Teams client (locale de-DE)', () => {
  test('gets the validation errors in German, with the numbers, and nothing is posted', async () => {
    const card = await submitIn('de-DE', submission({ topic: '', body: 'b'.repeat(32_001) }));

    const texts = shownTexts(card);
    // Each error under its field's label: "- **Thema**: Geben Sie ein Thema ein."
    expect(texts).toContainEqual(expect.stringContaining('Geben Sie ein Thema ein.'));
    expect(texts).toContainEqual(
      expect.stringMatching(
        /Die Nachricht ist zu lang: Kürzen Sie sie um etwa 1 Zeichen\. Erlaubt sind 32000 Byte/,
      ),
    );
    expect(JSON.stringify(card)).not.toContain('Enter a topic.');
    expect(conversationPosts()).toHaveLength(0);
  });

  test('is told in German that Graph is busy, with the seconds to wait, and keeps the draft', async () => {
    bot.sandbox.failNext(1, { status: 429, retryAfterSeconds: 120, path: '/conversations' });

    const card = await submitIn('de-DE', submission());

    expect(shownTexts(card)).toContain(
      'Microsoft Graph ist gerade ausgelastet. Es wurde nichts gepostet; versuchen Sie es in 120 Sekunden noch einmal.',
    );
    expect(JSON.stringify(card)).toContain('Falcon: Startfreigabe');
  });

  test('gets chat replies in German', async () => {
    await bot.post(inLocale('de-DE', messageActivity(bot.connector.serviceUrl, 'sign out')));

    expect(bot.connector.sent[0].activity.text).toBe(
      'Dieser Bot läuft im lokalen Modus mit der Graph-Sandbox: Es gibt keine Microsoft 365-Anmeldung, die beendet werden könnte.',
    );
  });

  test('gets a refused invoke explained in German', async () => {
    const activity = invokeActivity(bot.connector.serviceUrl, 'actionableMessage/executeAction', {});
    const response = await bot.post(inLocale('de-DE', activity));

    expect(response.body).toEqual({
      error: { code: 'UnsupportedInvoke', message: 'Diese App verarbeitet diese Art von Anfrage nicht.' },
    });
  });
});

test('an Austrian German client (de-AT) gets German too; a language we do not ship gets English', async () => {
  const austrian = await submitIn('de-AT', submission({ topic: '' }));
  expect(shownTexts(austrian)).toContainEqual(expect.stringContaining('Geben Sie ein Thema ein.'));

  const french = await submitIn('fr-FR', submission({ topic: '' }));
  expect(shownTexts(french)).toContainEqual(expect.stringContaining('Enter a topic.'));
});
