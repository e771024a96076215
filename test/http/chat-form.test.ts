import { DEMO_TENANT } from '../../sandbox/demo-tenant';
import { adaptiveCardProblems } from '../support/adaptive-card-schema';
import { type BotHarness, startBotHarness } from '../support/bot-harness';
import {
  CHANNEL_SCOPE,
  cardActionActivity,
  GROUP_CHAT,
  installActivity,
  messageActivity,
  PERSONAL,
  TEAM,
} from '../support/teams-activities';

type Card = { body: Array<Record<string, unknown>>; actions: Array<Record<string, unknown>> };

let bot: BotHarness;
beforeAll(async () => {
  bot = await startBotHarness();
});
afterAll(() => bot?.close());
beforeEach(() => bot.reset());

function lastCard(): Card {
  const sent = bot.connector.sent.at(-1);
  expect(sent?.activity.attachments?.[0]?.contentType).toBe('application/vnd.microsoft.card.adaptive');
  return sent?.activity.attachments?.[0]?.content as Card;
}

function input(card: Card, id: string): Record<string, unknown> | undefined {
  return card.body.find((element) => element.id === id);
}

describe('a chat message answers with the form card', () => {
  test('in personal chat the form offers the user’s Microsoft 365 groups, not security groups', async () => {
    const response = await bot.post(messageActivity(bot.connector.serviceUrl, 'Quarterly planning'));

    expect(response.status).toBe(200);
    const card = lastCard();
    expect(adaptiveCardProblems(card)).toEqual([]);
    expect(input(card, 'topic')?.value).toBe('Quarterly planning');
    const choices = (input(card, 'groupId')?.choices ?? []) as Array<{ title: string }>;
    expect(choices.map((choice) => choice.title)).toEqual(['Contoso Marketing', 'Project Falcon']);
    expect(input(card, 'participants')).toMatchObject({
      isMultiSelect: true,
      'choices.data': { type: 'Data.Query', dataset: 'graph.microsoft.com/users' },
    });
    expect(input(card, 'body')).toMatchObject({ isMultiline: true, isRequired: true });
    expect(card.actions[0]).toMatchObject({ type: 'Action.Execute', verb: 'createConversation' });
    expect((card.actions[0].data as { draftId: string }).draftId).toMatch(/^[0-9a-f-]{36}$/);
  });

  test('in a group chat the mention is stripped and the rest becomes the topic', async () => {
    await bot.post(messageActivity(bot.connector.serviceUrl, 'Launch retro', GROUP_CHAT));

    const card = lastCard();
    expect(input(card, 'topic')?.value).toBe('Launch retro');
    expect(input(card, 'groupId')).toBeDefined();
  });

  test('in a team channel the team’s linked group is used and no group choice is shown', async () => {
    await bot.post(messageActivity(bot.connector.serviceUrl, 'Brand refresh', CHANNEL_SCOPE));

    const card = lastCard();
    expect(adaptiveCardProblems(card)).toEqual([]);
    expect(input(card, 'groupId')).toBeUndefined();
    expect(JSON.stringify(card.body)).toContain('Contoso Marketing');
    expect(card.actions[0].data).toMatchObject({ linkedGroupId: TEAM.aadGroupId });
    expect(bot.connector.teamLookups).toEqual([]);
  });

  test('without aadGroupId in channelData the linked group comes from the team details', async () => {
    bot.connector.addTeam({ id: TEAM.id, name: TEAM.name, aadGroupId: DEMO_TENANT.groups.marketing.id });

    await bot.post(
      messageActivity(bot.connector.serviceUrl, 'Brand refresh', { kind: 'channel', omitAadGroupId: true }),
    );

    expect(bot.connector.teamLookups).toEqual([TEAM.id]);
    expect(lastCard().actions[0].data).toMatchObject({ linkedGroupId: DEMO_TENANT.groups.marketing.id });
  });

  test('help answers with what the bot does', async () => {
    await bot.post(messageActivity(bot.connector.serviceUrl, 'help', PERSONAL));

    const card = lastCard();
    expect(adaptiveCardProblems(card)).toEqual([]);
    expect(JSON.stringify(card)).toContain('group conversations');
  });

  test('sign out in local mode says there is no Microsoft 365 sign-in to end', async () => {
    await bot.post(messageActivity(bot.connector.serviceUrl, 'sign out', PERSONAL));

    expect(bot.connector.sent[0].activity.text).toContain('there is no Microsoft 365 sign-in to end');
  });

  test('installing the bot greets the conversation once, however often Teams repeats the event', async () => {
    await bot.post(installActivity(bot.connector.serviceUrl, GROUP_CHAT));
    await bot.post(installActivity(bot.connector.serviceUrl, GROUP_CHAT));

    expect(bot.connector.sent).toHaveLength(1);
    expect(adaptiveCardProblems(lastCard())).toEqual([]);
    expect(JSON.stringify(lastCard())).toContain('Hi! I am Group Conversations.');
  });

  test('when Graph cannot list the user’s groups the form still opens, topic kept, and says why', async () => {
    bot.sandbox.failNext(1, { status: 503, retryAfterSeconds: 60, path: '/memberOf' });

    await bot.post(messageActivity(bot.connector.serviceUrl, 'Kept topic'));

    const card = lastCard();
    expect(adaptiveCardProblems(card)).toEqual([]);
    expect(input(card, 'topic')?.value).toBe('Kept topic');
    expect(JSON.stringify(card)).toContain('Your groups could not be loaded');
    expect(JSON.stringify(card)).toMatch(/Support reference \(Graph request-id\): [0-9a-f-]{36}/);
  });

  test('"Start another" on a confirmation answers a fresh, empty form in place', async () => {
    const response = await bot.post(
      cardActionActivity(bot.connector.serviceUrl, 'newDraft', {
        conversationId: 'AAQkAold',
        threadId: 'AAQkAthread',
        groupId: DEMO_TENANT.groups.falcon.id,
        draftId: '0b5c2f8e-1d2a-4c3b-9e8f-7a6b5c4d3e2f',
        draft: {},
      }),
    );

    const body = response.body as { statusCode: number; type: string; value: Card };
    expect(body.statusCode).toBe(200);
    expect(body.type).toBe('application/vnd.microsoft.card.adaptive');
    expect(adaptiveCardProblems(body.value)).toEqual([]);
    expect(input(body.value, 'topic')?.value).toBe('');
    expect((body.value.actions[0].data as { draftId: string }).draftId).not.toBe(
      '0b5c2f8e-1d2a-4c3b-9e8f-7a6b5c4d3e2f',
    );
  });
});
