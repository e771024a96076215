import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type MessageKey, text } from '../../src/i18n/catalog';
import { LANGUAGES } from '../../src/i18n/language';
import { adaptiveCardProblems } from '../support/adaptive-card-schema';
import { type BotHarness, startBotHarness } from '../support/bot-harness';
import {
  CHANNEL_SCOPE,
  messageActivity,
  PERSONAL,
  type Scope,
  type TeamsActivity,
} from '../support/teams-activities';

/**
 * Chat commands in the user's language (issue #12 item 4). A German Teams client's command menu shows the
 * titles of appPackage/de.json and sends the chosen title as the message
 * (https://learn.microsoft.com/microsoftteams/platform/concepts/build-and-test/apps-localization), so the bot
 * answers to "hilfe", "abmelden" and "neueste". It answers to the words of every language whatever the
 * locale: habits and mixed-language teams do not follow the client's setting. Through /api/messages.
 */

const GERMAN_MENU = JSON.parse(readFileSync(join(__dirname, '../../appPackage/de.json'), 'utf8')) as Record<
  string,
  string
>;

let bot: BotHarness;
beforeAll(async () => {
  bot = await startBotHarness();
});
afterAll(() => bot?.close());
beforeEach(() => bot.reset());

function inLocale(locale: string, activity: TeamsActivity): TeamsActivity {
  return { ...activity, locale };
}

/** Sends a chat message in a locale; answers what the bot sent back, cards checked against Adaptive Cards 1.5. */
async function say(locale: string, text: string, scope: Scope = PERSONAL): Promise<string[]> {
  const response = await bot.post(inLocale(locale, messageActivity(bot.connector.serviceUrl, text, scope)));
  expect(response.status).toBe(200);
  return bot.connector.sent.map(({ activity }) => {
    const card = activity.attachments?.[0]?.content;
    if (card) expect(adaptiveCardProblems(card)).toEqual([]);
    return card ? JSON.stringify(card) : (activity.text ?? '');
  });
}

const GERMAN_HELP = 'Was ich kann';
const NO_SIGN_OUT_DE = 'Es gibt keine Microsoft 365-Anmeldung, die beendet werden könnte.';
const NO_SIGN_OUT_EN = 'there is no Microsoft 365 sign-in to end';

/** A reply is the draft form when it has a topic input: a command must never be taken for a topic. */
const isForm = (reply: string) => reply.includes('"id":"topic"');

describe('a German user (locale de-DE)', () => {
  test('"hilfe" answers with the help card in German, listing the German command words', async () => {
    const [card] = await say('de-DE', 'hilfe');

    expect(card).toContain(GERMAN_HELP);
    for (const word of ['"title":"hilfe"', '"title":"neueste"', '"title":"abmelden"'])
      expect(card).toContain(word);
    expect(isForm(card)).toBe(false);
  });

  test('"abmelden" signs out (in local mode: says there is nothing to end), in German', async () => {
    const replies = await say('de-DE', 'abmelden');

    expect(replies).toHaveLength(1);
    expect(replies[0]).toContain(NO_SIGN_OUT_DE);
  });

  test('"neueste" in a channel lists the team’s group, in German', async () => {
    const [card] = await say('de-DE', 'neueste', CHANNEL_SCOPE);

    expect(card).toContain('Neueste Unterhaltungen in Contoso Marketing');
    expect(isForm(card)).toBe(false);
  });

  test('the English words, capitals and the old aliases work too, answered in German', async () => {
    for (const word of ['help', 'Hilfe', 'HELP', '?']) {
      bot.reset();
      expect(await say('de-DE', word)).toEqual([expect.stringContaining(GERMAN_HELP)]);
    }
    for (const word of ['sign out', 'Sign Out', 'signout', 'logout', 'log out', 'Abmelden']) {
      bot.reset();
      expect(await say('de-DE', word)).toEqual([expect.stringContaining(NO_SIGN_OUT_DE)]);
    }
  });

  test('every command of the German command menu (de.json) is a command, in every scope', async () => {
    const titles = Object.entries(GERMAN_MENU)
      .filter(([key]) => /^bots\[\d+\]\.commandLists\[\d+\]\.commands\[\d+\]\.title$/.test(key))
      .map(([, title]) => title);
    expect(titles).toEqual(['hilfe', 'abmelden', 'neueste']);
    for (const scope of [PERSONAL, CHANNEL_SCOPE])
      for (const title of titles) {
        bot.reset();
        const replies = await say('de-DE', title, scope);
        expect(replies.length).toBeGreaterThan(0);
        for (const reply of replies) expect({ title, form: isForm(reply) }).toEqual({ title, form: false });
      }
  });
});

describe('an English user (locale en-US)', () => {
  test('the German words are commands too, answered in English', async () => {
    expect(await say('en-US', 'hilfe')).toEqual([expect.stringContaining('What I can do')]);
    bot.reset();
    expect(await say('en-US', 'abmelden')).toEqual([expect.stringContaining(NO_SIGN_OUT_EN)]);
  });

  test('the help card lists the English words', async () => {
    const [card] = await say('en-US', 'help');

    for (const word of ['"title":"help"', '"title":"recent"', '"title":"sign out"'])
      expect(card).toContain(word);
  });

  test('a command word inside a longer message is a topic, not a command', async () => {
    const [card] = await say('en-US', 'help desk rota');

    expect(isForm(card)).toBe(true);
    expect(card).toContain('help desk rota');
  });
});

test('no word means two commands: every language’s words, compared as the bot compares them, are distinct', () => {
  const keys: MessageKey[] = ['messages.command.help', 'messages.command.signOut', 'messages.command.recent'];
  const meaning = new Map<string, MessageKey>();
  for (const language of LANGUAGES)
    for (const key of keys) {
      const word = text(language, key).toLowerCase().replace(/\s+/g, '');
      expect({ word, key: meaning.get(word) ?? key }).toEqual({ word, key });
      meaning.set(word, key);
    }
});
