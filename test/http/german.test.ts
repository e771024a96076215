import { text } from '../../src/i18n/catalog';
import { adaptiveCardProblems } from '../support/adaptive-card-schema';
import { type BotHarness, startBotHarness } from '../support/bot-harness';
import { expectGerman, shownTexts } from '../support/german-answers';
import {
  cardActionActivity,
  formSubmitData,
  inLocale,
  invokeActivity,
  messageActivity,
} from '../support/teams-activities';

/**
 * Messages follow the activity's `locale` (issue #12 item 4): Teams puts the client's language on every
 * activity, so a German Teams gets German validation errors, Graph notices and chat replies, and a language
 * we do not ship gets English. Through /api/messages, as Teams sends it. Each card in German:
 * german-cards.test.ts and german-extension.test.ts.
 */

let bot: BotHarness;
beforeAll(async () => {
  bot = await startBotHarness({ env: { INVOKE_BUDGET_MS: '4000' } });
});
afterAll(() => bot?.close());
beforeEach(() => bot.reset());

function submission(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return formSubmitData({
    topic: 'Falcon: Startfreigabe',
    body: 'Hallo zusammen,\nbitte prüfen Sie den Startplan.',
    ...overrides,
  });
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

function conversationPosts() {
  return bot.sandbox.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/conversations'));
}

describe('a German Teams client (locale de-DE)', () => {
  test('gets the validation errors in German, with the numbers, and nothing is posted', async () => {
    const card = await submitIn('de-DE', submission({ topic: '', body: 'b'.repeat(32_001) }));

    // Each error under its field's label: "- **Thema**: Geben Sie ein Thema ein."
    expectGerman(card, 'messages.validation.topicEmpty', {
      key: 'messages.validation.bodyTooLong',
      params: { count: 1, limit: 32_000 },
    });
    expect(shownTexts(card)).toContainEqual(
      expect.stringContaining(`**${text('de', 'cards.common.topic')}**: `),
    );
    expect(conversationPosts()).toHaveLength(0);
  });

  test('is told in German that Graph is busy, with the seconds to wait, and keeps the draft', async () => {
    bot.sandbox.failNext(1, { status: 429, retryAfterSeconds: 120, path: '/conversations' });

    const card = await submitIn('de-DE', submission());

    expectGerman(card, { key: 'messages.failure.busyFor', params: { count: 120 } });
    expect(JSON.stringify(card)).toContain('Falcon: Startfreigabe');
  });

  test('gets chat replies in German', async () => {
    const signOut = text('de', 'messages.command.signOut');
    await bot.post(inLocale('de-DE', messageActivity(bot.connector.serviceUrl, signOut)));

    expect(bot.connector.sent[0].activity.text).toBe(text('de', 'messages.chat.noSignOut'));
  });

  test('gets a refused invoke explained in German', async () => {
    const activity = invokeActivity(bot.connector.serviceUrl, 'actionableMessage/executeAction', {});
    const response = await bot.post(inLocale('de-DE', activity));

    expect(response.body).toEqual({
      error: { code: 'UnsupportedInvoke', message: text('de', 'messages.invoke.unsupported') },
    });
  });
});

test('an Austrian German client (de-AT) gets German too; a language we do not ship gets English', async () => {
  const austrian = await submitIn('de-AT', submission({ topic: '' }));
  expectGerman(austrian, 'messages.validation.topicEmpty');

  const french = await submitIn('fr-FR', submission({ topic: '' }));
  expect(shownTexts(french)).toContainEqual(
    expect.stringContaining(text('en', 'messages.validation.topicEmpty')),
  );
});
