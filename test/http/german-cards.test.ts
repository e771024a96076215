import { DEMO_TENANT } from '../../sandbox/demo-tenant';
import { text } from '../../src/i18n/catalog';
import { type BotHarness, startBotHarness } from '../support/bot-harness';
import { expectGerman, expectGermanCard, germanPattern, shownTexts } from '../support/german-answers';
import {
  CHANNEL_SCOPE,
  cardActionActivity,
  formSubmitData,
  inLocale,
  installActivity,
  messageActivity,
  PERSONAL,
  type Scope,
  TEAM,
} from '../support/teams-activities';

/**
 * Every bot card in German (issue #12 item 4): a Teams client set to German puts `locale: "de-DE"` on each
 * activity, and each card it gets in chat or from a card's button is German, worded as the German catalog
 * has it, with no text of the English catalog left in it, and valid Adaptive Cards 1.5. Through
 * /api/messages, as Teams sends it. The message extension and sign-in: german-extension.test.ts.
 */

const { groups, users } = DEMO_TENANT;
type DemoUser = (typeof users)[keyof typeof users];
const GERMAN = 'de-DE';
const topic = 'Startfreigabe Falcon';
const falcon = groups.falcon.displayName;
/** The command word a German client's command menu sends. */
const RECENT = text('de', 'messages.command.recent');

interface Card {
  body: Array<Record<string, unknown>>;
  actions?: Array<{ type: string; title?: string; verb?: string; data?: Record<string, unknown> }>;
  refresh?: { action: { data: Record<string, unknown> } };
}

let bot: BotHarness;
beforeAll(async () => {
  // A short invoke budget, so a create slowed just past it shows the "posting" card without a long wait.
  bot = await startBotHarness({ env: { INVOKE_BUDGET_MS: '2000' } });
});
afterAll(() => bot?.close());
beforeEach(() => bot.reset());

/** An Action.Execute from a German client; `automatic` is Teams refreshing the card as it is viewed. */
async function act(
  verb: string,
  data: Record<string, unknown>,
  options: { user?: DemoUser; trigger?: 'manual' | 'automatic'; scope?: Scope; locale?: string } = {},
): Promise<Card> {
  const activity = cardActionActivity(bot.connector.serviceUrl, verb, data, options.scope, options.user);
  (activity.value as { trigger: string }).trigger = options.trigger ?? 'manual';
  const response = await bot.post(inLocale(options.locale ?? GERMAN, activity));
  expect(response.status).toBe(200);
  const body = response.body as { statusCode: number; value: Card };
  expect(body.statusCode).toBe(200);
  return body.value;
}

async function say(words: string, scope: Scope = PERSONAL): Promise<Card> {
  await bot.post(inLocale(GERMAN, messageActivity(bot.connector.serviceUrl, words, scope)));
  return sentCard();
}

function sentCard(): Card {
  const [attachment] = bot.connector.sent.at(-1)?.activity.attachments ?? [];
  expect(attachment?.contentType).toBe('application/vnd.microsoft.card.adaptive');
  return attachment?.content as Card;
}

/** What a German client sends when the form's button is pressed: the inputs merged into its data. */
function draft(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return formSubmitData({ topic, body: 'Bitte prüfen Sie den Startplan.', ...overrides });
}

function action(card: Card, verb: string): Record<string, unknown> {
  const found = card.actions?.find((a) => a.verb === verb);
  expect(found?.data).toBeDefined();
  return found?.data ?? {};
}

describe('in chat', () => {
  test('installing the app greets with the welcome card', async () => {
    await bot.post(inLocale(GERMAN, installActivity(bot.connector.serviceUrl)));

    expectGermanCard(
      sentCard(),
      { key: 'cards.welcome.headingWelcome', params: { product: text('de', 'common.productName') } },
      'cards.welcome.intro',
      'cards.common.startConversation',
    );
  });

  test('the German "help" (as the German command menu sends it) answers the help card, with German commands', async () => {
    expectGermanCard(
      await say(text('de', 'messages.command.help')),
      'cards.welcome.headingHelp',
      'messages.command.recent',
      'cards.welcome.recentDoes',
    );
  });

  test('any other message opens the form, with the message as its topic', async () => {
    const form = await say('Budgetplanung');

    expectGermanCard(form, 'cards.form.titleNew', 'cards.form.bodyLabel', 'cards.form.submitNew');
    expect(form.body.find((element) => element.id === 'topic')?.value).toBe('Budgetplanung');
  });
});

describe('the form’s button', () => {
  test('a posted conversation is confirmed', async () => {
    const card = await act('createConversation', draft());

    expectGermanCard(
      card,
      'cards.confirmation.title',
      { key: 'cards.confirmation.whereToFind', params: { group: falcon } },
      'cards.confirmation.startAnother',
    );
  });

  test('a slow create shows "wird gesendet", to its author and to another member, then the confirmation', async () => {
    bot.sandbox.setLatency(3_000, '/conversations');
    const submitted = draft();

    const pending = await act('createConversation', submitted);
    expectGermanCard(pending, { key: 'cards.pending.byViewer', params: { topic } }, 'cards.pending.slow');

    const meganSees = await act('checkConversation', pending.refresh?.action.data ?? {}, {
      user: users.megan,
      trigger: 'automatic',
    });
    expectGermanCard(meganSees, {
      key: 'cards.draftStatus.othersPosting',
      params: { topic, author: users.alex.displayName },
    });

    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expectGermanCard(
      await act('checkConversation', action(pending, 'checkConversation')),
      'cards.confirmation.title',
    );
  }, 15_000);

  test('an unconfirmed create "may have been posted"; not found, it offers "Trotzdem senden"', async () => {
    bot.sandbox.failNext(1, { status: 504, path: '/conversations' });

    const unknown = await act('createConversation', draft());
    expectGermanCard(
      unknown,
      { key: 'cards.unknown.title', params: { topic } },
      { key: 'cards.unknown.notConfirmed', params: { group: falcon } },
      'cards.common.checkAgain',
    );

    const checked = await act('checkConversation', action(unknown, 'checkConversation'));
    expectGermanCard(
      checked,
      { key: 'cards.unknown.notFoundYet', params: { group: falcon } },
      'cards.common.postAnyway',
    );
  });

  test('another member sees whose draft it is, in their own language, whatever the author’s', async () => {
    bot.sandbox.failNext(1, { status: 429, retryAfterSeconds: 120, path: '/conversations' });
    const submitted = draft();
    await act('createConversation', submitted, { locale: 'en-US' });

    const megan = await act('createConversation', submitted, { user: users.megan });

    expectGermanCard(
      megan,
      { key: 'cards.draftStatus.othersOpen', params: { author: users.alex.displayName } },
      'cards.draftStatus.startOwn',
    );
  });

  test('a refresh of a draft the bot has no record of says so', async () => {
    const card = await act('createConversation', draft(), { trigger: 'automatic' });

    expectGermanCard(card, 'cards.draftStatus.missing', 'cards.draftStatus.missingHint');
  });
});

describe('replying from the confirmation', () => {
  /** What the confirmation's "Reply" form sends: its button's data and the typed reply. */
  async function replyData(replyText: string): Promise<Record<string, unknown>> {
    const confirmation = await act('createConversation', draft());
    const showCard = confirmation.actions?.find((a) => a.type === 'Action.ShowCard') as
      | { card: Card }
      | undefined;
    // The inline form is part of the confirmation, which is the Adaptive Card checked here.
    expectGermanCard(confirmation, 'cards.common.reply');
    expectGerman(showCard?.card, 'cards.common.yourReply', 'cards.common.postReply');
    return { ...action(showCard?.card as Card, 'postReply'), replyText };
  }

  test('a posted reply shows on the confirmation: "1 Antwort" and the latest reply', async () => {
    const card = await act('postReply', await replyData('Von mir aus: los.'));

    expectGermanCard(
      card,
      'cards.confirmation.title',
      { key: 'cards.common.replyCount', params: { count: 1 } },
      'cards.common.latestReply',
    );
  });

  test('a reply Graph refuses (403) is explained, with the support reference', async () => {
    const data = await replyData('Hallo von Patti');

    const card = await act('postReply', data, { user: users.patti });

    expectGermanCard(card, 'cards.reply.headingForm', 'messages.replyFailure.forbidden');
    expect(shownTexts(card)).toContainEqual(
      expect.stringMatching(germanPattern('cards.common.supportReference')),
    );
  });

  test('a reply Graph throttles (429) says how long to wait', async () => {
    const data = await replyData('Ausgelastet?');
    bot.sandbox.failNext(1, { status: 429, retryAfterSeconds: 60, path: '/reply' });

    const card = await act('postReply', data);

    expectGermanCard(
      card,
      { key: 'messages.failure.busyFor', params: { count: 60 } },
      'cards.common.postReply',
    );
  });

  test('a reply whose answer Graph lost "may have been posted"', async () => {
    const data = await replyData('Von mir aus: los.');
    bot.sandbox.failNext(1, { status: 504, after: true, path: '/reply' });

    const card = await act('postReply', data);

    expectGermanCard(
      card,
      'cards.reply.headingUnknown',
      'cards.reply.notConfirmed',
      'cards.common.checkAgain',
    );
  });
});

describe('the German "recent"', () => {
  test('in a channel: the team group’s list, or that it has none', async () => {
    const empty = await say(RECENT, CHANNEL_SCOPE);
    expectGermanCard(
      empty,
      { key: 'cards.recent.headingGroup', params: { group: TEAM.name } },
      { key: 'cards.recent.empty', params: { group: TEAM.name, count: 30 } },
    );

    const inTeam = draft({ linkedGroupId: TEAM.aadGroupId, linkedGroupName: TEAM.name, groupId: undefined });
    await act('createConversation', inTeam, { scope: CHANNEL_SCOPE });
    const listed = await say(RECENT, CHANNEL_SCOPE);
    expectGermanCard(listed, 'cards.common.reply', 'cards.recent.refresh');
    expect(shownTexts(listed)).toContain(topic);
  });

  test('in a personal chat: the group is chosen first', async () => {
    expectGermanCard(await say(RECENT), 'cards.recent.headingChoice', 'cards.recent.show');
  });
});
