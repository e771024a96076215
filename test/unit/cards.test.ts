import { renderConfirmationCard } from '../../src/cards/confirmation-card';
import { renderDraftStatusCard } from '../../src/cards/draft-status-card';
import { renderFormCard } from '../../src/cards/form-card';
import { renderPendingCard } from '../../src/cards/pending-card';
import type { AdaptiveCard } from '../../src/cards/render';
import { renderUnknownCard } from '../../src/cards/unknown-card';
import { renderWelcomeCard } from '../../src/cards/welcome-card';
import type { Confirmation } from '../../src/domain/confirmation';
import type { DraftInput, FieldError, GroupTarget } from '../../src/domain/draft';
import { LIMITS } from '../../src/domain/limits';
import { LANGUAGES } from '../../src/i18n/language';
import { adaptiveCardProblems } from '../support/adaptive-card-schema';

type Element = Record<string, unknown>;

const MARKETING = { id: '02bd9fd6-8f93-4758-87c3-1fb73740a315', displayName: 'Contoso Marketing' };
const FALCON = { id: 'a7c5d3e1-2b4f-4c6a-8e0d-9f1b3c5e7a90', displayName: 'Project Falcon <R&D> "beta"' };
const MEGAN_ID = '5bde3e51-d13b-4db1-9948-fe4b109d11a7';
const ALEX_ID = '6de8ec04-6376-4939-ab47-83a2c85ab5f5';

/** Text a user might type: markup, markdown and JSON breakers must stay literal. */
const HOSTILE_TOPIC =
  'Q3 <b>plan</b> **now** [link](https://evil.example) "quoted" \\ } & <script>x</script>';
const LONG_BODY = 'Hi all,\nthe agenda for Thursday: budget, hiring & <launch>.\n\n'.repeat(450);
/** Template expressions typed by a user: must come out as typed and change nothing else in the card. */
const INJECTIONS = {
  // biome-ignore lint/suspicious/noTemplateCurlyInString: literal ${...} text is the input under test
  topic: '${draftId} ${groupId} ${json(groups)}',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: literal ${...} text is the input under test
  body: "See ${body} and ${string(1+1)}\n${if(true, 'a', 'b')}",
  // biome-ignore lint/suspicious/noTemplateCurlyInString: literal ${...} text is the input under test
  emails: 'guest@fabrikam.com; ${emails}',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: literal ${...} text is the input under test
  preview: 'Preview ${preview} ${$root.topic}',
};

const draft: DraftInput = {
  topic: HOSTILE_TOPIC,
  body: LONG_BODY,
  participants: `${MEGAN_ID},${ALEX_ID}`,
  emails: 'guest@fabrikam.com; partner@northwind.com',
  groupId: FALCON.id,
};

const choice: GroupTarget = { kind: 'choice', groups: [MARKETING, FALCON] };
/** What validation answers for an empty topic, an unknown address and no group: message values, not text. */
const VALIDATION_ERRORS: FieldError[] = [
  { field: 'topic', message: { key: 'messages.validation.topicEmpty' } },
  { field: 'emails', message: { key: 'messages.validation.notRecognised', params: { entries: '"bob"' } } },
  { field: 'groupId', message: { key: 'messages.validation.groupMissing' } },
];
const linked: GroupTarget = { kind: 'linked', ...MARKETING };

/** Every element of the card body, containers opened. */
function elements(card: AdaptiveCard): Element[] {
  const out: Element[] = [];
  const visit = (items: unknown): void => {
    if (!Array.isArray(items)) return;
    for (const item of items as Element[]) {
      out.push(item);
      visit(item.items);
    }
  };
  visit(card.body);
  return out;
}

function input(card: AdaptiveCard, id: string): Element | undefined {
  return elements(card).find((element) => element.id === id);
}

/**
 * What a reader sees of a TextBlock or Fact: user text in them is markdown-escaped (cards/markdown.ts), and
 * CommonMark shows a backslash-escaped punctuation character as the character itself.
 */
function shown(markdown: string): string {
  return markdown.replace(/\\([!-/:-@[-`{-~])/g, '$1');
}

function texts(card: AdaptiveCard): string[] {
  return elements(card)
    .filter((element) => element.type === 'TextBlock')
    .map((element) => shown(String(element.text)));
}

function facts(card: AdaptiveCard): Record<string, string> {
  const factSet = elements(card).find((element) => element.type === 'FactSet');
  const list = (factSet?.facts ?? []) as Array<{ title: string; value: string }>;
  return Object.fromEntries(list.map((fact) => [shown(fact.title), shown(fact.value)]));
}

function actions(card: AdaptiveCard): Element[] {
  return (card.actions ?? []) as Element[];
}

describe('form card', () => {
  test('a new form in a personal chat offers the user’s groups and is valid Adaptive Cards 1.5', () => {
    const card = renderFormCard('en', {
      draftId: 'draft-1',
      target: choice,
      values: { topic: 'Quarterly planning' },
    });
    expect(adaptiveCardProblems(card)).toEqual([]);
    expect(texts(card)[0]).toBe('Start a group conversation');
    expect(input(card, 'groupId')).toMatchObject({
      type: 'Input.ChoiceSet',
      isRequired: true,
      choices: [
        { title: 'Contoso Marketing', value: MARKETING.id },
        { title: FALCON.displayName, value: FALCON.id },
      ],
    });
    expect(input(card, 'topic')).toMatchObject({
      type: 'Input.Text',
      value: 'Quarterly planning',
      maxLength: 255,
    });
    expect(input(card, 'body')).toMatchObject({ isMultiline: true, isRequired: true, maxLength: 32000 });
    expect(input(card, 'participants')).toMatchObject({
      isMultiSelect: true,
      'choices.data': { type: 'Data.Query', dataset: 'graph.microsoft.com/users' },
    });
    expect(actions(card)).toEqual([
      expect.objectContaining({
        type: 'Action.Execute',
        verb: 'createConversation',
        title: 'Start conversation',
      }),
    ]);
    expect(
      elements(card).some((element) => element.style === 'attention' || element.style === 'warning'),
    ).toBe(false);
  });

  test('in a team the linked group is named and there is no group choice', () => {
    const card = renderFormCard('en', { draftId: 'draft-1', target: linked });
    expect(adaptiveCardProblems(card)).toEqual([]);
    expect(input(card, 'groupId')).toBeUndefined();
    expect(texts(card)).toContain(
      'Posts to the conversations of **Contoso Marketing**, the Microsoft 365 group of this team.',
    );
    expect(actions(card)[0].data).toEqual({
      draftId: 'draft-1',
      linkedGroupId: MARKETING.id,
      linkedGroupName: 'Contoso Marketing',
      groupChoices: [],
    });
  });

  test('a re-shown form keeps every value the user typed, verbatim, markup and all', () => {
    const card = renderFormCard('en', { draftId: 'draft-7', target: choice, values: draft, attempted: true });
    expect(adaptiveCardProblems(card)).toEqual([]);
    expect(input(card, 'topic')?.value).toBe(HOSTILE_TOPIC);
    expect(input(card, 'body')?.value).toBe(LONG_BODY);
    expect(input(card, 'emails')?.value).toBe('guest@fabrikam.com; partner@northwind.com');
    expect(input(card, 'groupId')?.value).toBe(FALCON.id);
    expect(input(card, 'participants')).toMatchObject({
      value: `${MEGAN_ID},${ALEX_ID}`,
      choices: [
        { title: MEGAN_ID, value: MEGAN_ID },
        { title: ALEX_ID, value: ALEX_ID },
      ],
    });
    expect(texts(card)[0]).toBe('Your conversation was not posted yet');
    expect(actions(card)[0]).toMatchObject({ title: 'Try again', data: { draftId: 'draft-7' } });
  });

  test('validation errors are listed with the field labels the user sees', () => {
    const card = renderFormCard('en', {
      draftId: 'draft-2',
      target: choice,
      values: { topic: '', body: 'x', emails: 'bob' },
      errors: VALIDATION_ERRORS,
    });
    expect(adaptiveCardProblems(card)).toEqual([]);
    const box = elements(card).find((element) => element.style === 'attention');
    expect(box).toBeDefined();
    expect(((box?.items ?? []) as Element[]).map((item) => item.text)).toEqual([
      'Please fix the following:',
      '- **Topic**: Enter a topic.',
      '- **Other e-mail addresses**: Not a valid e-mail address or directory user: "bob".',
      '- **Microsoft 365 group**: Choose the group to post in.',
    ]);
  });

  test('a failure notice is shown with the Graph request-id for support', () => {
    const card = renderFormCard('en', {
      draftId: 'draft-3',
      target: linked,
      values: draft,
      notice: { key: 'messages.failure.busyFor', params: { count: 30 } },
      requestId: 'd0c2a9e4-7c1f-4a5e-9d2b-6f3e8a1b2c3d',
      attempted: true,
    });
    expect(adaptiveCardProblems(card)).toEqual([]);
    const warning = elements(card).find((element) => element.style === 'warning');
    expect(((warning?.items ?? []) as Element[]).map((item) => item.text)).toEqual([
      'Microsoft Graph is busy right now. Nothing was posted; try again in 30 seconds.',
      'Support reference (Graph request-id): d0c2a9e4-7c1f-4a5e-9d2b-6f3e8a1b2c3d',
    ]);
  });
});

const ALEX = { userKey: 'tenant/alex', mri: '29:1alexwilber', name: 'Alex Wilber' };

describe('pending card', () => {
  test('shows the topic, checks by draft id only, and refreshes for its author alone', () => {
    const card = renderPendingCard('en', {
      draftId: 'draft-9',
      topic: HOSTILE_TOPIC,
      author: ALEX,
      byViewer: true,
    });
    expect(adaptiveCardProblems(card)).toEqual([]);
    expect(texts(card)[0]).toBe(`Posting "${HOSTILE_TOPIC}"…`);
    expect(actions(card)).toEqual([
      {
        type: 'Action.Execute',
        title: 'Check again',
        verb: 'checkConversation',
        data: { draftId: 'draft-9' },
      },
    ]);
    expect(card.refresh).toEqual({
      action: { type: 'Action.Execute', verb: 'checkConversation', data: { draftId: 'draft-9' } },
      userIds: ['29:1alexwilber'],
    });
    expect(JSON.stringify(card)).not.toContain('agenda');
  });

  test('to anyone else it names who is posting', () => {
    const card = renderPendingCard('en', {
      draftId: 'draft-9',
      topic: 'Launch',
      author: ALEX,
      byViewer: false,
    });
    expect(adaptiveCardProblems(card)).toEqual([]);
    expect(texts(card)[0]).toBe('Alex Wilber is posting "Launch"…');
  });
});

describe('unknown-outcome card', () => {
  const model = { draftId: 'draft-7', topic: 'Launch', groupName: FALCON.displayName, author: ALEX };

  test('before a look-up: says it may have been posted, offers only "Check again", refreshes for the author', () => {
    const card = renderUnknownCard('en', { ...model, lookedUp: false, requestId: 'req-1' });
    expect(adaptiveCardProblems(card)).toEqual([]);
    expect(texts(card)).toEqual([
      '"Launch" may have been posted',
      `Microsoft Graph did not confirm whether it posted your conversation to ${FALCON.displayName}. It may have been posted — checking the group before anything is posted again.`,
      'Support reference (Graph request-id): req-1',
    ]);
    expect(actions(card).map((action) => action.verb)).toEqual(['checkConversation']);
    expect((card.refresh as { userIds: string[] }).userIds).toEqual([ALEX.mri]);
    expect(JSON.stringify(card)).not.toContain('Nothing was posted');
  });

  test('after a look-up found nothing: the author may choose "Post anyway"', () => {
    const card = renderUnknownCard('en', { ...model, lookedUp: true });
    expect(adaptiveCardProblems(card)).toEqual([]);
    expect(actions(card).map((action) => [action.title, action.verb])).toEqual([
      ['Check again', 'checkConversation'],
      ['Post anyway', 'postAnyway'],
    ]);
  });

  test('in a dialog the buttons submit the dialog with the verb in their data, and nothing refreshes', () => {
    const card = renderUnknownCard('en', { ...model, lookedUp: true, inDialog: true });
    expect(adaptiveCardProblems(card)).toEqual([]);
    expect(actions(card)).toEqual([
      {
        type: 'Action.Submit',
        title: 'Check again',
        data: { draftId: 'draft-7', verb: 'checkConversation' },
      },
      { type: 'Action.Submit', title: 'Post anyway', data: { draftId: 'draft-7', verb: 'postAnyway' } },
    ]);
    expect(card.refresh).toBeUndefined();
  });
});

describe('draft status card', () => {
  test.each([
    ['othersOpen', 'Alex Wilber started this draft: only Alex Wilber can post it.'],
    ['othersPosting', 'Alex Wilber is posting "Launch".'],
    ['othersUnknown', 'Alex Wilber\'s conversation "Launch" may have been posted; Alex Wilber is checking.'],
    ['missing', 'I have no record of this draft.'],
  ] as const)('%s: %s', (situation, expected) => {
    const card = renderDraftStatusCard('en', { situation, authorName: 'Alex Wilber', topic: 'Launch' });
    expect(adaptiveCardProblems(card)).toEqual([]);
    expect(texts(card)[0]).toBe(expected);
    expect(actions(card).map((action) => action.verb)).toEqual(['newDraft']);
  });
});

describe('confirmation card', () => {
  const confirmation: Confirmation = {
    draftId: 'draft-1',
    conversationId: 'AAQkAGI2NGVhZTVlLTI1OGMtNDI4My1iZmE5LTA5OGJiZGEzMTc0YQAQAK0v',
    threadId: 'AAQkAGI2NGVhZTVlLTI1OGMtNDI4My1iZmE5LTA5OGJiZGEzMTc0YQMkABAAI',
    topic: HOSTILE_TOPIC,
    groupId: FALCON.id,
    groupName: FALCON.displayName,
    participants: [
      { name: 'Megan Bowen', address: 'meganb@contoso.com' },
      { name: 'Guest <script>', address: 'guest@fabrikam.com' },
    ],
    createdAt: '2025-05-01T10:15:42.123Z',
    startedBy: 'Alex Wilber',
    preview: 'Hi all, the agenda for Thursday: budget, hiring & <launch>. **Bring** numbers.',
  };

  test('shows topic, group, participants, author, time and preview, and offers "Start another"', () => {
    const card = renderConfirmationCard('en', confirmation);
    expect(adaptiveCardProblems(card)).toEqual([]);
    expect(texts(card)[0]).toBe('Conversation started');
    expect(facts(card)).toEqual({
      Topic: HOSTILE_TOPIC,
      Group: FALCON.displayName,
      Participants: 'Megan Bowen (meganb@contoso.com), Guest <script> (guest@fabrikam.com)',
      Started: '{{DATE(2025-05-01T10:15:42Z, SHORT)}} {{TIME(2025-05-01T10:15:42Z)}}',
      'Started by': 'Alex Wilber',
    });
    expect(texts(card)).toContain(confirmation.preview);
    const [reply, recent, ...rest] = actions(card);
    // "Reply" opens an inline form (Action.ShowCard) whose button posts this viewer's reply.
    expect(reply).toMatchObject({ type: 'Action.ShowCard', title: 'Reply' });
    const form = (reply as { card: AdaptiveCard }).card;
    expect(elements(form).map((element) => element.id)).toEqual(['replyText']);
    expect(actions(form)[0]).toMatchObject({
      type: 'Action.Execute',
      verb: 'postReply',
      data: {
        groupId: FALCON.id,
        groupName: FALCON.displayName,
        conversationId: confirmation.conversationId,
        threadId: confirmation.threadId,
        topic: HOSTILE_TOPIC,
        draftId: confirmation.draftId,
      },
    });
    expect(recent).toMatchObject({
      type: 'Action.Execute',
      title: 'Recent conversations',
      verb: 'recentConversations',
      data: { groupId: FALCON.id, groupName: FALCON.displayName },
    });
    expect(rest).toEqual([
      {
        type: 'Action.Execute',
        title: 'Start another',
        verb: 'newDraft',
        data: {
          conversationId: confirmation.conversationId,
          threadId: confirmation.threadId,
          groupId: FALCON.id,
          draftId: confirmation.draftId,
        },
      },
    ]);
  });

  test('without added people it says only group members get it; without a preview there is no preview box', () => {
    const card = renderConfirmationCard('en', {
      ...confirmation,
      participants: [],
      preview: undefined,
      threadId: undefined,
    });
    expect(adaptiveCardProblems(card)).toEqual([]);
    expect(facts(card).Participants).toBe('Group members only');
    expect(elements(card).some((element) => element.style === 'emphasis')).toBe(false);
    expect(actions(card)[2].data).toMatchObject({ threadId: '' });
  });
});

describe('welcome and help card', () => {
  test.each(['welcome', 'help'] as const)(
    'the %s card lists help, recent and sign out and offers to start or list recent conversations',
    (kind) => {
      const card = renderWelcomeCard('en', kind);
      expect(adaptiveCardProblems(card)).toEqual([]);
      expect(texts(card)[0]).toBe(kind === 'welcome' ? 'Hi! I am Group Conversations.' : 'What I can do');
      expect(Object.keys(facts(card))).toEqual(['Any message', 'help', 'recent', 'sign out']);
      expect(actions(card)).toEqual([
        { type: 'Action.Execute', title: 'Start a conversation', verb: 'newDraft', data: {} },
        { type: 'Action.Execute', title: 'Recent conversations', verb: 'recentConversations', data: {} },
      ]);
    },
  );
});

/** German texts run longer than English ones: the limits must hold in every language we ship. */
describe.each(LANGUAGES)(
  'cards fit in a Teams message with every limit at its maximum, in %s (docs/decisions.md "Cards fit")',
  (language) => {
    const longName = 'N'.repeat(256);
    const guid = (i: number) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
    const groups = Array.from({ length: 100 }, (_, i) => ({ id: guid(i), displayName: longName }));
    const ids = Array.from({ length: 100 }, (_, i) => guid(i)).join(',');
    const author = { userKey: 'tenant/user', mri: `29:${'a'.repeat(80)}`, name: longName };
    const size = (card: AdaptiveCard) => Buffer.byteLength(JSON.stringify(card));

    test.each([
      ['ASCII', 'x'.repeat(LIMITS.bodyMaxBytes)],
      ['CJK', '漢'.repeat(Math.floor(LIMITS.bodyMaxBytes / 3))],
    ])('the form shown again after a failure, with a %s body at the limit, stays under 100 KB', (_, body) => {
      const card = renderFormCard(language, {
        draftId: guid(1),
        target: { kind: 'choice', groups },
        values: {
          topic: 'T'.repeat(255),
          body,
          participants: ids,
          emails: 'e'.repeat(2_000),
          groupId: guid(0),
        },
        errors: [
          {
            field: 'participants',
            message: { key: 'messages.failure.unknownParticipants', params: { ids } },
          },
          {
            field: 'emails',
            message: { key: 'messages.validation.notRecognised', params: { entries: 'm'.repeat(300) } },
          },
        ],
        // The longest notice: what to grant, and where.
        notice: { key: 'messages.failure.consent' },
        requestId: guid(2),
        attempted: true,
      });
      expect(size(card)).toBeLessThan(100_000);
    });

    test('cards about a submitted draft do not echo its body and stay under 45 KB', () => {
      const confirmation: Confirmation = {
        draftId: guid(1),
        conversationId: 'c'.repeat(160),
        threadId: 't'.repeat(160),
        topic: 'T'.repeat(255),
        groupId: guid(0),
        groupName: longName,
        participants: Array.from({ length: 100 }, () => ({
          name: longName,
          address: `${'a'.repeat(64)}@${'b'.repeat(60)}.com`,
        })),
        createdAt: '2026-11-27T10:00:00Z',
        startedBy: longName,
        preview: 'p'.repeat(200),
      };
      const cards = [
        renderConfirmationCard(language, confirmation, {
          summary: { replyCount: 99, latestAuthor: longName, latestAt: '2026-11-27T12:00:00Z' },
        }),
        renderPendingCard(language, { draftId: guid(1), topic: 'T'.repeat(255), author, byViewer: false }),
        renderUnknownCard(language, {
          draftId: guid(1),
          topic: 'T'.repeat(255),
          groupName: longName,
          author,
          lookedUp: true,
          requestId: guid(2),
        }),
        renderDraftStatusCard(language, {
          situation: 'othersUnknown',
          authorName: longName,
          topic: 'T'.repeat(255),
        }),
      ];
      for (const card of cards) expect(size(card)).toBeLessThan(45_000);
    });
  },
);

// biome-ignore lint/suspicious/noTemplateCurlyInString: literal ${...} text is the input under test
describe('no template injection: ${...} typed by a user is data, never template', () => {
  const benign = { topic: 'TOPIC', body: 'BODY', emails: 'EMAILS', preview: 'PREVIEW' };

  /** The card JSON with each injected text swapped back for its benign stand-in. */
  function withInjectionsReplaced(card: AdaptiveCard): AdaptiveCard {
    let json = JSON.stringify(card);
    for (const key of Object.keys(INJECTIONS) as Array<keyof typeof INJECTIONS>)
      json = json.split(JSON.stringify(INJECTIONS[key]).slice(1, -1)).join(benign[key]);
    return JSON.parse(json) as AdaptiveCard;
  }

  test('form card: values come back exactly as typed and the card is otherwise unchanged', () => {
    const values = { ...draft, ...INJECTIONS };
    const card = renderFormCard('en', { draftId: 'draft-1', target: choice, values });
    const reference = renderFormCard('en', {
      draftId: 'draft-1',
      target: choice,
      values: { ...draft, ...benign },
    });
    expect(adaptiveCardProblems(reference)).toEqual([]);
    expect(input(card, 'topic')?.value).toBe(INJECTIONS.topic);
    expect(input(card, 'body')?.value).toBe(INJECTIONS.body);
    expect(input(card, 'emails')?.value).toBe(INJECTIONS.emails);
    expect(withInjectionsReplaced(card)).toEqual(reference);
  });

  test('confirmation card: topic and preview are shown as typed', () => {
    const base: Confirmation = {
      draftId: 'draft-1',
      conversationId: 'AAQkAGI2NGVh',
      topic: INJECTIONS.topic,
      groupId: MARKETING.id,
      groupName: MARKETING.displayName,
      // biome-ignore lint/suspicious/noTemplateCurlyInString: literal ${...} text is the input under test
      participants: [{ name: '${startedBy}', address: 'meganb@contoso.com' }],
      createdAt: '2025-05-01T10:15:42Z',
      startedBy: 'Alex Wilber',
      preview: INJECTIONS.preview,
    };
    const card = renderConfirmationCard('en', base);
    expect(facts(card)).toMatchObject({
      Topic: INJECTIONS.topic,
      // biome-ignore lint/suspicious/noTemplateCurlyInString: literal ${...} text is the input under test
      Participants: '${startedBy} (meganb@contoso.com)',
      'Started by': 'Alex Wilber',
    });
    expect(texts(card)).toContain(INJECTIONS.preview);
    const reference = renderConfirmationCard('en', {
      ...base,
      topic: benign.topic,
      preview: benign.preview,
      participants: [{ name: 'Megan', address: 'meganb@contoso.com' }],
    });
    expect(adaptiveCardProblems(reference)).toEqual([]);
  });
});

describe('form card for a user with no Microsoft 365 groups', () => {
  test('shows why there is nothing to choose instead of an empty (invalid) group picker', () => {
    const card = renderFormCard('en', {
      draftId: '3f1c2b7a-5d4e-4f60-9a8b-7c6d5e4f3a21',
      target: { kind: 'choice', groups: [] },
      values: { topic: 'Kept' },
    });

    expect(adaptiveCardProblems(card)).toEqual([]);
    expect(JSON.stringify(card)).toContain('You are not a member of any Microsoft 365 group I can post in.');
    expect(JSON.stringify(card)).not.toContain('"id":"groupId"');
  });
});
