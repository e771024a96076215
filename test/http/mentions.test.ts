import { DEMO_TENANT } from '../../sandbox/demo-tenant';
import { type BotHarness, startBotHarness } from '../support/bot-harness';
import {
  CHANNEL_SCOPE,
  GROUP_CHAT,
  messageActivity,
  type TeamsActivity,
  teamsUserId,
} from '../support/teams-activities';

type Card = { body: Array<Record<string, unknown>> };

const { megan } = DEMO_TENANT.users;

let bot: BotHarness;
beforeAll(async () => {
  bot = await startBotHarness();
});
afterAll(() => bot?.close());
beforeEach(() => bot.reset());

/** The bot's message as Teams sends it, with Megan @mentioned too: her own <at> span and mention entity. */
function mentioningMegan(text: string, scope = CHANNEL_SCOPE): TeamsActivity {
  const activity = messageActivity(bot.connector.serviceUrl, text, scope);
  const entities = activity.entities as Array<Record<string, unknown>>;
  return {
    ...activity,
    entities: [
      ...entities,
      {
        type: 'mention',
        text: `<at>${megan.displayName}</at>`,
        mentioned: { id: teamsUserId(megan), name: megan.displayName },
      },
    ],
  };
}

function topicOnTheFormSent(): unknown {
  const [sent] = bot.connector.sent;
  const card = sent?.activity.attachments?.[0]?.content as Card | undefined;
  return card?.body.find((element) => element.id === 'topic')?.value;
}

describe('a bare @mention in a channel', () => {
  test('asks for a form, although Teams attaches the message as HTML too', async () => {
    const activity = messageActivity(bot.connector.serviceUrl, '', CHANNEL_SCOPE);
    expect(activity.attachments).toEqual([expect.objectContaining({ contentType: 'text/html' })]);

    await bot.post(activity);

    expect(topicOnTheFormSent()).toBe('');
  });
});

describe('the topic prefilled from a chat message', () => {
  test('keeps a person the user @mentioned, as plain text; only the bot’s own mention goes', async () => {
    const response = await bot.post(mentioningMegan('Plan with <at>Megan Bowen</at>'));

    expect(response.status).toBe(200);
    expect(topicOnTheFormSent()).toBe('Plan with Megan Bowen');
  });

  test('does so in a group chat too, with the person mentioned first', async () => {
    await bot.post(mentioningMegan('<at>Megan Bowen</at> launch retro', GROUP_CHAT));

    expect(topicOnTheFormSent()).toBe('Megan Bowen launch retro');
  });

  test('shows what the user typed, not the HTML entities Teams encodes it with', async () => {
    await bot.post(mentioningMegan('Q&amp;A with <at>Megan Bowen</at>&nbsp;&lt;draft&gt;'));

    expect(topicOnTheFormSent()).toBe('Q&A with Megan Bowen <draft>');
  });
});
