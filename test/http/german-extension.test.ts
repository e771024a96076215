import { DEMO_TENANT } from '../../sandbox/demo-tenant';
import { text } from '../../src/i18n/catalog';
import { type BotHarness, startBotHarness } from '../support/bot-harness';
import { expectGerman, expectGermanCard, shownTexts } from '../support/german-answers';
import { useSsoBot } from '../support/sso-bot';
import {
  CHANNEL_SCOPE,
  cardActionActivity,
  formSubmitData,
  GROUP_CHAT,
  inLocale,
  invokeActivity,
  messageActivity,
  PERSONAL,
  type Scope,
  TEAM,
  type TeamsActivity,
} from '../support/teams-activities';

/**
 * The message extension and sign-in in German (issue #12 item 4): with `locale: "de-DE"` on the invoke, the
 * dialog, its preview, search results, the card a result shares and every way of asking to sign in are
 * German, worded as the German catalog has it, with no text of the English catalog left; each Adaptive Card
 * is valid Adaptive Cards 1.5. Through /api/messages, as Teams sends it. Chat and card buttons:
 * german-cards.test.ts.
 */

const { groups } = DEMO_TENANT;
const GERMAN = 'de-DE';
const topic = 'Startfreigabe Falcon';

interface Card {
  body: Array<Record<string, unknown>>;
  actions?: Array<{ type: string; data?: Record<string, unknown> }>;
}
interface Dialog {
  task: { value: { title: string; card: { content: Card } } };
}
interface Preview {
  composeExtension: { activityPreview: { attachments: Array<{ content: Card }> } };
}
interface SearchResults {
  composeExtension: {
    attachments: Array<{ content: Card; preview: { content: Record<string, unknown> } }>;
  };
}

/** What a German client sends when the form's button is pressed: the inputs merged into its data. */
function draft(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return formSubmitData({ topic, body: 'Bitte prüfen Sie den Startplan.', ...overrides });
}

describe('the message extension', () => {
  let bot: BotHarness;
  beforeAll(async () => {
    bot = await startBotHarness({ env: { INVOKE_BUDGET_MS: '4000' } });
  });
  afterAll(() => bot?.close());
  beforeEach(() => bot.reset());

  async function invoke(name: string, value: Record<string, unknown>, scope: Scope = PERSONAL) {
    const activity = invokeActivity(bot.connector.serviceUrl, name, value, scope);
    const response = await bot.post(inLocale(GERMAN, activity));
    expect(response.status).toBe(200);
    return response.body;
  }

  test('the dialog (fetchTask) has a German title and form; its submit answers a German preview', async () => {
    const command = { commandId: 'startGroupConversation', commandContext: 'compose' };

    const opened = (await invoke('composeExtension/fetchTask', command)) as Dialog;
    expect(opened.task.value.title).toBe(text('de', 'messages.dialog.title'));
    const form = opened.task.value.card.content;
    expectGermanCard(form, 'cards.form.titleNew', 'cards.common.chooseGroup', 'cards.form.submitNew');

    const submit = form.actions?.find((a) => a.type === 'Action.Submit');
    const inputs = { groupId: groups.falcon.id, topic, body: 'Aus dem Dialog' };
    const answer = (await invoke('composeExtension/submitAction', {
      ...command,
      data: { ...submit?.data, ...inputs },
    })) as Preview;
    expectGermanCard(
      answer.composeExtension.activityPreview.attachments[0].content,
      'cards.confirmation.title',
    );
  });

  test('"send" where the app is not installed answers the German just-in-time install card', async () => {
    bot.connector.refuseConversation('19:meeting_groupchat01@thread.v2');
    const command = { commandId: 'startGroupConversation', commandContext: 'compose' };
    const opened = (await invoke('composeExtension/fetchTask', command, GROUP_CHAT)) as Dialog;
    const submit = opened.task.value.card.content.actions?.find((a) => a.type === 'Action.Submit');
    const inputs = { groupId: groups.falcon.id, topic, body: 'Aus dem Dialog' };
    const preview = (await invoke(
      'composeExtension/submitAction',
      { ...command, data: { ...submit?.data, ...inputs } },
      GROUP_CHAT,
    )) as Preview;

    const send = (await invoke(
      'composeExtension/submitAction',
      {
        ...command,
        botMessagePreviewAction: 'send',
        botActivityPreview: [preview.composeExtension.activityPreview],
      },
      GROUP_CHAT,
    )) as Dialog;

    expect(send.task.value.title).toBe(
      text('de', 'messages.dialog.addApp', { product: text('de', 'common.productName') }),
    );
    expectGermanCard(
      send.task.value.card.content,
      'cards.jitInstall.title',
      { key: 'cards.jitInstall.explanation', params: { topic } },
      'cards.jitInstall.addAndShare',
    );
  });

  test('a search result, its thumbnail, and the card it shares are German', async () => {
    const inTeam = draft({ linkedGroupId: TEAM.aadGroupId, linkedGroupName: TEAM.name, groupId: undefined });
    const started = cardActionActivity(bot.connector.serviceUrl, 'createConversation', inTeam, CHANNEL_SCOPE);
    await bot.post(inLocale(GERMAN, started));

    const found = (await invoke(
      'composeExtension/query',
      { commandId: 'searchConversations', parameters: [{ name: 'searchText', value: 'startfreigabe' }] },
      CHANNEL_SCOPE,
    )) as SearchResults;
    // The card Teams inserts as it is when the result is chosen.
    const [result] = found.composeExtension.attachments;
    expectGermanCard(
      result.content,
      { key: 'search.card.group', params: { group: TEAM.name } },
      'search.card.sharedVia',
      'search.card.reply',
    );
    // A Thumbnail card, not an Adaptive Card: no {{DATE}} there, so its date is written for a German reader.
    expect(shownTexts(result.preview)).toContainEqual(
      expect.stringMatching(new RegExp(`^${TEAM.name} · \\d\\d\\.\\d\\d\\.\\d{4}, \\d\\d:\\d\\d$`)),
    );
  });
});

describe('signing in (Teams SSO, no token yet)', () => {
  const sso = useSsoBot({ INVOKE_BUDGET_MS: '4000' });
  const post = (activity: TeamsActivity) => sso.bot.post(inLocale(GERMAN, activity));

  test('a chat message gets the sign-in card: an OAuthCard, drawn by Teams, with German text and button', async () => {
    await post(messageActivity(sso.bot.connector.serviceUrl, 'Budgetplanung'));

    const [attachment] = sso.bot.connector.sent[0].activity.attachments ?? [];
    expect(attachment.contentType).toBe('application/vnd.microsoft.card.oauth');
    expectGerman(attachment.content, 'messages.signIn.text', 'messages.signIn.title');
  });

  test('a card’s button asks Teams to sign in (loginRequest) with the German sign-in card', async () => {
    const response = await post(
      cardActionActivity(sso.bot.connector.serviceUrl, 'createConversation', draft()),
    );

    const body = response.body as { statusCode: number; type: string; value: unknown };
    expect(body).toMatchObject({ statusCode: 401, type: 'application/vnd.microsoft.activity.loginRequest' });
    expectGerman(body.value, 'messages.signIn.text', 'messages.signIn.title');
  });

  test('a search offers the sign-in link with a German title', async () => {
    const response = await post(
      invokeActivity(sso.bot.connector.serviceUrl, 'composeExtension/query', {
        commandId: 'searchConversations',
        parameters: [{ name: 'searchText', value: 'budget' }],
      }),
    );

    expect(response.body).toMatchObject({ composeExtension: { type: 'silentAuth' } });
    expectGerman(response.body, 'messages.signIn.title');
  });
});
