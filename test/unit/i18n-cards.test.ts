import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { renderConfirmationCard } from '../../src/cards/confirmation-card';
import { renderDraftStatusCard } from '../../src/cards/draft-status-card';
import { renderFormCard } from '../../src/cards/form-card';
import { renderJitInstallCard } from '../../src/cards/jit-install-card';
import { literal } from '../../src/cards/markdown';
import { renderPendingCard } from '../../src/cards/pending-card';
import { renderRecentCard } from '../../src/cards/recent-card';
import type { AdaptiveCard } from '../../src/cards/render';
import { renderReplyCard } from '../../src/cards/reply-card';
import { type CardName, cardStrings } from '../../src/cards/strings';
import { renderUnknownCard } from '../../src/cards/unknown-card';
import { renderWelcomeCard } from '../../src/cards/welcome-card';
import type { Confirmation } from '../../src/domain/confirmation';
import type { ReplyTarget } from '../../src/domain/reply';
import { catalogOf, type Message, translate } from '../../src/i18n/catalog';
import { LANGUAGES, type Language } from '../../src/i18n/language';
import { adaptiveCardProblems } from '../support/adaptive-card-schema';

/** Issue #12 item 4: every card in the reader's language, its words only from the catalog. */

const CARDS_DIR = join(__dirname, '../../src/cards');
const TEMPLATES_DIR = join(CARDS_DIR, 'templates');

// ---------------------------------------------------------------------------------------------------------
// No text in a template: every word a reader sees comes through template data, from the catalog.
// ---------------------------------------------------------------------------------------------------------

/**
 * Adaptive Cards 1.5 properties a reader sees or hears (https://adaptivecards.io/explorer/): TextBlock and
 * TextRun `text`, action, choice, toggle and Fact `title`, input `label`, `placeholder` and `errorMessage`,
 * `fallbackText`, `altText`, `speak`, `tooltip`. A Fact's `value` is shown too; an input's `value` is the
 * user's own text (always a `${…}` here).
 */
const USER_FACING = new Set([
  'text',
  'title',
  'subtitle',
  'label',
  'placeholder',
  'errorMessage',
  'fallbackText',
  'altText',
  'speak',
  'tooltip',
  'valueOn',
  'valueOff',
]);

/** Teams' own date and time functions: the reader's client writes them in its own locale. */
const TEAMS_DATE_TIME = /\{\{(DATE|TIME)\([^()]*\)\}\}/g;

/** The `${…}` expressions of a template string, nesting and quoted literals respected. */
function splitExpressions(value: string): { outside: string; expressions: string[] } {
  let outside = '';
  const expressions: string[] = [];
  let i = 0;
  while (i < value.length) {
    if (value.startsWith('${', i)) {
      let depth = 0;
      let quote = '';
      let j = i + 1;
      for (; j < value.length; j++) {
        const char = value[j];
        if (quote) {
          if (char === quote) quote = '';
        } else if (char === "'" || char === '"') quote = char;
        else if (char === '{') depth += 1;
        else if (char === '}' && --depth === 0) break;
      }
      expressions.push(value.slice(i + 2, j));
      i = j + 1;
    } else {
      outside += value[i];
      i += 1;
    }
  }
  return { outside, expressions };
}

/** Why a user-facing template string holds words of its own, or undefined when it holds none. */
function wordsOutsideCatalog(value: string): string | undefined {
  const { outside, expressions } = splitExpressions(value);
  if (/\p{L}/u.test(outside.replace(TEAMS_DATE_TIME, ''))) return 'letters outside an expression';
  // `${if(mine, 'Posting', 'Sending')}` would smuggle words in through the expression.
  if (expressions.some((expression) => /(['"])[^'"]*\p{L}[^'"]*\1/u.test(expression)))
    return 'a quoted text inside an expression';
  return undefined;
}

interface Finding {
  path: string;
  value: string;
  why: string;
}

function findWords(node: unknown, path: string, inFacts = false, findings: Finding[] = []): Finding[] {
  if (Array.isArray(node))
    for (const [index, item] of node.entries()) findWords(item, `${path}[${index}]`, inFacts, findings);
  else if (node !== null && typeof node === 'object')
    for (const [key, value] of Object.entries(node as Record<string, unknown>)) {
      const here = `${path}.${key}`;
      const shown = USER_FACING.has(key) || (inFacts && key === 'value');
      if (typeof value === 'string' && shown) {
        const why = wordsOutsideCatalog(value);
        if (why) findings.push({ path: here, value, why });
      } else if (key === 'inlines' && Array.isArray(value))
        for (const [index, inline] of value.entries())
          if (typeof inline === 'string') {
            const why = wordsOutsideCatalog(inline);
            if (why) findings.push({ path: `${here}[${index}]`, value: inline, why });
          }
      findWords(value, here, key === 'facts', findings);
    }
  return findings;
}

/** Every template under src/cards/templates, including those added after this test was written. */
function templateFiles(): string[] {
  return readdirSync(TEMPLATES_DIR, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.json'))
    .map((file) => join(TEMPLATES_DIR, file))
    .sort();
}

function readTemplate(file: string): unknown {
  return JSON.parse(readFileSync(file, 'utf8'));
}

describe('card templates hold no user-facing text of their own', () => {
  const files = templateFiles();

  test('there are templates to check', () => {
    expect(files.length).toBeGreaterThanOrEqual(9);
  });

  test.each(files.map((file) => [relative(CARDS_DIR, file), file]))(
    '%s: every text, title, label, placeholder and error message comes from template data',
    (_name, file) => {
      expect(findWords(readTemplate(file), '$')).toEqual([]);
    },
  );

  test('the check finds words in any user-facing property, and in quoted texts inside expressions', () => {
    const template = {
      type: 'AdaptiveCard',
      body: [
        { type: 'TextBlock', text: 'Check again' },
        // biome-ignore lint/suspicious/noTemplateCurlyInString: template text under test
        { type: 'TextBlock', text: '${author} is posting' },
        // biome-ignore lint/suspicious/noTemplateCurlyInString: template text under test
        { type: 'TextBlock', text: "${if(mine, 'Posting', '')}" },
        // biome-ignore lint/suspicious/noTemplateCurlyInString: template text under test
        { type: 'FactSet', facts: [{ title: '${strings.topic}', value: 'none' }] },
        { type: 'Input.Text', id: 'topic', placeholder: 'Topic', errorMessage: 'Required' },
        { type: 'Input.Toggle', id: 'ok', title: '', valueOn: 'yes' },
        { type: 'RichTextBlock', inlines: ['Hello', { type: 'TextRun', text: 'there' }] },
      ],
      actions: [{ type: 'Action.Execute', title: 'Reply', tooltip: 'Reply to it' }],
    };
    expect(findWords(template, '$').map((finding) => finding.path)).toEqual([
      '$.body[0].text',
      '$.body[1].text',
      '$.body[2].text',
      '$.body[3].facts[0].value',
      '$.body[4].placeholder',
      '$.body[4].errorMessage',
      '$.body[5].valueOn',
      '$.body[6].inlines[0]',
      '$.body[6].inlines[1].text',
      '$.actions[0].title',
      '$.actions[0].tooltip',
    ]);
  });

  test('expressions, punctuation and Teams date functions are not words', () => {
    const template = {
      body: [
        // biome-ignore lint/suspicious/noTemplateCurlyInString: template text under test
        { type: 'TextBlock', text: '- **${label}**: ${message}' },
        {
          type: 'FactSet',
          facts: [
            {
              // biome-ignore lint/suspicious/noTemplateCurlyInString: template text under test
              title: '${$root.strings.latestReply}',
              // biome-ignore lint/suspicious/noTemplateCurlyInString: template text under test
              value: '${a}, {{DATE(${at}, SHORT)}} {{TIME(${at})}}',
            },
          ],
        },
        // biome-ignore lint/suspicious/noTemplateCurlyInString: template text under test
        { type: 'TextBlock', $when: "${state == 'form'}", text: '${heading}' },
      ],
    };
    expect(findWords(template, '$')).toEqual([]);
  });
});

/** Template file name → catalog card name: "draft-status.json" reads `cards.draftStatus.*`. */
function cardNameOf(file: string): string {
  return relative(TEMPLATES_DIR, file)
    .replace(/\.json$/, '')
    .replace(/-(\w)/g, (_match, letter: string) => letter.toUpperCase());
}

describe('template strings resolve', () => {
  test.each(templateFiles().map((file) => [relative(CARDS_DIR, file), file]))(
    '%s: every strings.… it reads is a fixed text of its card in every language',
    (_name, file) => {
      const source = readFileSync(file, 'utf8');
      const used = [...new Set([...source.matchAll(/\bstrings\.(\w+)/g)].map((match) => match[1]))];
      if (used.length === 0) return;
      for (const language of LANGUAGES) {
        const strings = cardStrings(language, cardNameOf(file) as CardName);
        expect({ language, missing: used.filter((name) => strings[name] === undefined) }).toEqual({
          language,
          missing: [],
        });
      }
    },
  );

  test('every cards.* text is used by a template or a card renderer', () => {
    const templates = new Map(templateFiles().map((file) => [cardNameOf(file), readFileSync(file, 'utf8')]));
    const renderers = readdirSync(CARDS_DIR)
      .filter((file) => file.endsWith('.ts'))
      .map((file) => readFileSync(join(CARDS_DIR, file), 'utf8'))
      .join('\n');
    const unused = Object.keys(catalogOf('en'))
      .filter((key) => key.startsWith('cards.'))
      .filter((key) => {
        const [, card, name] = key.split('.');
        const inTemplates = card === 'common' ? [...templates.values()] : [templates.get(card) ?? ''];
        const byTemplate = inTemplates.some((source) => new RegExp(`\\bstrings\\.${name}\\b`).test(source));
        return !byTemplate && !renderers.includes(`'${key}'`);
      });
    expect(unused).toEqual([]);
  });

  test('a card text never shadows a common one of the same name', () => {
    const keys = Object.keys(catalogOf('en')).filter((key) => key.startsWith('cards.'));
    const common = new Set(
      keys.filter((key) => key.startsWith('cards.common.')).map((key) => key.split('.')[2]),
    );
    expect(keys.filter((key) => !key.startsWith('cards.common.') && common.has(key.split('.')[2]))).toEqual(
      [],
    );
  });

  test('each language builds a card’s strings once and hands every render the same frozen object', () => {
    expect(cardStrings('de', 'form')).toBe(cardStrings('de', 'form'));
    expect(cardStrings('de', 'form')).not.toBe(cardStrings('en', 'form'));
    expect(Object.isFrozen(cardStrings('en', 'reply'))).toBe(true);
  });
});

// ---------------------------------------------------------------------------------------------------------
// Every card, every state, in every language: valid Adaptive Cards 1.5, and in the reader's language.
// ---------------------------------------------------------------------------------------------------------

const MARKETING = { id: '02bd9fd6-8f93-4758-87c3-1fb73740a315', displayName: 'Contoso Marketing' };
const ALEX = { userKey: 'tenant/alex', mri: '29:1alexwilber', name: 'Alex Wilber' };
const REQUEST_ID = 'd0c2a9e4-7c1f-4a5e-9d2b-6f3e8a1b2c3d';
const DRAFT_ID = '3f1c2b7a-5d4e-4f60-9a8b-7c6d5e4f3a21';

const confirmation: Confirmation = {
  draftId: DRAFT_ID,
  conversationId: 'AAQkAGI2NGVhZTVlLTI1OGMtNDI4My1iZmE5LTA5OGJiZGEzMTc0YQAQAK0v',
  threadId: 'AAQkAGI2NGVhZTVlLTI1OGMtNDI4My1iZmE5LTA5OGJiZGEzMTc0YQMkABAAI',
  topic: 'Q3 budget',
  groupId: MARKETING.id,
  groupName: MARKETING.displayName,
  participants: [{ name: 'Megan Bowen', address: 'meganb@contoso.com' }],
  createdAt: '2026-11-27T10:15:42.123Z',
  startedBy: 'Alex Wilber',
  preview: 'Hi all, the numbers for Thursday.',
};

const target: ReplyTarget = {
  groupId: MARKETING.id,
  groupName: MARKETING.displayName,
  conversationId: confirmation.conversationId,
  threadId: confirmation.threadId ?? '',
  topic: confirmation.topic,
  draftId: DRAFT_ID,
};

const summary = { replyCount: 3, latestAuthor: 'Megan Bowen', latestAt: '2026-11-27T12:00:00.000Z' };

/** Every card the bot renders, in each of its states, with the data a real turn gives it. */
function everyCard(language: Language): Array<[string, AdaptiveCard]> {
  const form = { draftId: DRAFT_ID, target: { kind: 'choice' as const, groups: [MARKETING] } };
  const reply = { target, replyDraftId: DRAFT_ID, authorMri: ALEX.mri };
  const pending = { draftId: DRAFT_ID, topic: 'Q3 budget', author: ALEX };
  const unknown = { ...pending, groupName: MARKETING.displayName, requestId: REQUEST_ID };
  const conversations = [
    { id: 'AAQk1', topic: 'Q3 budget', lastDeliveredDateTime: '2026-11-27T10:00:00Z', preview: 'Numbers.' },
  ];
  return [
    ['form, new', renderFormCard(language, { ...form, values: { topic: 'Q3 budget' } })],
    [
      'form, linked group',
      renderFormCard(language, { draftId: DRAFT_ID, target: { kind: 'linked', ...MARKETING } }),
    ],
    [
      'form, retry with errors and a notice',
      renderFormCard(language, {
        ...form,
        values: { topic: '', body: 'x', emails: 'bob' },
        errors: [
          { field: 'topic', message: { key: 'messages.validation.topicEmpty' } },
          {
            field: 'emails',
            message: { key: 'messages.validation.notRecognised', params: { entries: '"bob"' } },
          },
          {
            field: 'participants',
            message: { key: 'messages.failure.unknownParticipants', params: { ids: 'x' } },
          },
          { field: 'body', message: { key: 'messages.validation.bodyEmpty' } },
          { field: 'groupId', message: { key: 'messages.validation.groupMissing' } },
        ],
        notice: { key: 'messages.failure.consent' },
        requestId: REQUEST_ID,
        attempted: true,
      }),
    ],
    [
      'form, no groups',
      renderFormCard(language, { draftId: DRAFT_ID, target: { kind: 'choice', groups: [] } }),
    ],
    ['form, in a dialog', renderFormCard(language, { ...form, inDialog: true })],
    ['pending, the author', renderPendingCard(language, { ...pending, byViewer: true })],
    ['pending, someone else', renderPendingCard(language, { ...pending, byViewer: false })],
    ['unknown, before a look-up', renderUnknownCard(language, { ...unknown, lookedUp: false })],
    ['unknown, after a look-up', renderUnknownCard(language, { ...unknown, lookedUp: true })],
    ['unknown, in a dialog', renderUnknownCard(language, { ...unknown, lookedUp: true, inDialog: true })],
    ...(['othersOpen', 'othersPosting', 'othersUnknown', 'missing'] as const).map(
      (situation): [string, AdaptiveCard] => [
        `draft status, ${situation}`,
        renderDraftStatusCard(language, { situation, authorName: 'Alex Wilber', topic: 'Q3 budget' }),
      ],
    ),
    ['draft status, no name', renderDraftStatusCard(language, { situation: 'othersOpen', inDialog: true })],
    ['confirmation', renderConfirmationCard(language, confirmation)],
    [
      'confirmation, replies',
      renderConfirmationCard(language, { ...confirmation, participants: [] }, { summary }),
    ],
    ['just-in-time install', renderJitInstallCard(language, DRAFT_ID, 'Q3 budget')],
    [
      'recent, list',
      renderRecentCard(language, { state: 'list', group: MARKETING, conversations, sinceDays: 30 }),
    ],
    ['recent, empty', renderRecentCard(language, { state: 'empty', group: MARKETING, sinceDays: 30 })],
    [
      'recent, empty for a day',
      renderRecentCard(language, { state: 'empty', group: MARKETING, sinceDays: 1 }),
    ],
    ['recent, choice', renderRecentCard(language, { state: 'choice', groups: [MARKETING] })],
    ['recent, no groups', renderRecentCard(language, { state: 'noGroups' })],
    [
      'recent, failed',
      renderRecentCard(language, {
        state: 'failed',
        group: MARKETING,
        notice: { key: 'messages.listFailure.forbidden' },
        requestId: REQUEST_ID,
      }),
    ],
    [
      'reply, form with an error and a notice',
      renderReplyCard(language, {
        ...reply,
        state: 'form',
        replyText: '',
        error: { key: 'messages.replyValidation.empty' },
        notice: { key: 'messages.replyFailure.notFound' },
        requestId: REQUEST_ID,
      }),
    ],
    ['reply, pending', renderReplyCard(language, { ...reply, state: 'pending' })],
    ['reply, unknown', renderReplyCard(language, { ...reply, state: 'unknown', lookedUp: false })],
    [
      'reply, unknown after a look-up',
      renderReplyCard(language, { ...reply, state: 'unknown', lookedUp: true }),
    ],
    ['reply, posted', renderReplyCard(language, { ...reply, state: 'posted', summary })],
    ['welcome', renderWelcomeCard(language, 'welcome')],
    ['help', renderWelcomeCard(language, 'help')],
  ];
}

/** Every string a reader could see in a card (and its data, which is harmless to include). */
function strings(node: unknown): string[] {
  if (typeof node === 'string') return [node];
  if (Array.isArray(node)) return node.flatMap(strings);
  if (node !== null && typeof node === 'object') return Object.values(node).flatMap(strings);
  return [];
}

/**
 * The fixed words of a language's cards.* texts: each text split at its placeholders, keeping parts of two
 * words or more that the other language does not share ("may have been posted", "Erneut prüfen").
 */
function ownPhrases(language: Language, other: Language): string[] {
  const phrasesOf = (of: Language) =>
    Object.entries(catalogOf(of))
      .filter(([key]) => key.startsWith('cards.'))
      .flatMap(([, value]) => (typeof value === 'string' ? [value] : Object.values(value)))
      .flatMap((value) => value.split(/\{\w+\}/))
      .map((phrase) => phrase.trim())
      .filter((phrase) => /\p{L}+\s+\p{L}+/u.test(phrase));
  const shared = new Set(phrasesOf(other));
  return [...new Set(phrasesOf(language))].filter((phrase) => !shared.has(phrase));
}

describe.each(LANGUAGES)('every card in %s', (language) => {
  const cards = everyCard(language);
  const foreign = LANGUAGES.filter((other) => other !== language).flatMap((other) =>
    ownPhrases(other, language),
  );

  test.each(cards)('%s: valid Adaptive Cards 1.5, every expression resolved', (_name, card) => {
    expect(adaptiveCardProblems(card)).toEqual([]);
  });

  test('the check would notice a card in the wrong language', () => {
    const other = LANGUAGES.find((candidate) => candidate !== language) ?? language;
    const wrong = strings(
      renderFormCard(other, { draftId: DRAFT_ID, target: { kind: 'linked', ...MARKETING } }),
    );
    expect(foreign.filter((phrase) => wrong.join('\n').includes(phrase)).length).toBeGreaterThan(2);
  });

  test.each(cards)('%s: no words of another language', (_name, card) => {
    const shown = strings(card).join('\n');
    expect(foreign.filter((phrase) => shown.includes(phrase))).toEqual([]);
  });
});

/** What a reader sees of TextBlocks, Facts and buttons, top to bottom. */
function visible(card: unknown): string[] {
  const out: string[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (node !== null && typeof node === 'object') {
      const element = node as Record<string, unknown>;
      if (element.type === 'TextBlock' || element.type?.toString().startsWith('Action.'))
        out.push(String(element.text ?? element.title));
      if (Array.isArray(element.facts))
        for (const fact of element.facts as Array<{ title: string; value: string }>)
          out.push(`${fact.title}: ${fact.value}`);
      for (const [key, value] of Object.entries(element)) if (key !== 'data') visit(value);
    }
  };
  visit(card);
  return out;
}

describe('German cards read as German', () => {
  /** A message value as a German card shows it: translated, then escaped like any text that is not markup. */
  const shown = (message: Message) => literal(translate('de', message));

  test('the form: title, field labels in errors, the notice and the buttons', () => {
    const card = everyCard('de').find(([name]) => name === 'form, retry with errors and a notice')?.[1];
    expect(visible(card)).toEqual([
      'Ihre Unterhaltung wurde noch nicht gesendet',
      shown({ key: 'messages.failure.consent' }),
      `Supportreferenz (Graph request-id): ${REQUEST_ID}`,
      'Bitte korrigieren Sie Folgendes:',
      `- **Thema**: ${shown({ key: 'messages.validation.topicEmpty' })}`,
      `- **Weitere E-Mail-Adressen**: ${shown({ key: 'messages.validation.notRecognised', params: { entries: '"bob"' } })}`,
      `- **Personen hinzufügen**: ${shown({ key: 'messages.failure.unknownParticipants', params: { ids: 'x' } })}`,
      `- **Nachricht**: ${shown({ key: 'messages.validation.bodyEmpty' })}`,
      `- **Microsoft 365-Gruppe**: ${shown({ key: 'messages.validation.groupMissing' })}`,
      'Erneut versuchen',
    ]);
  });

  test('inputs: labels, placeholders and error messages', () => {
    const card = renderFormCard('de', { draftId: DRAFT_ID, target: { kind: 'choice', groups: [MARKETING] } });
    const inputs = (card.body as Array<Record<string, unknown>>).filter((element) =>
      String(element.type).startsWith('Input.'),
    );
    expect(
      inputs.map(({ label, placeholder, errorMessage }) => ({ label, placeholder, errorMessage })),
    ).toEqual([
      {
        label: 'Microsoft 365-Gruppe',
        placeholder: 'Gruppe auswählen',
        errorMessage: 'Wählen Sie die Gruppe aus, in der die Unterhaltung erscheinen soll.',
      },
      {
        label: 'Thema',
        placeholder: 'Worum geht es in der Unterhaltung?',
        errorMessage: 'Geben Sie ein Thema mit höchstens 255 Zeichen ein.',
      },
      {
        label: 'Nachricht',
        placeholder: 'Der erste Beitrag der Unterhaltung',
        errorMessage: 'Schreiben Sie die Nachricht, die gesendet werden soll.',
      },
      { label: 'Personen hinzufügen', placeholder: 'In Ihrer Organisation suchen', errorMessage: undefined },
      {
        label: 'Weitere E-Mail-Adressen (optional)',
        placeholder: 'gast@fabrikam.com; partner@northwind.com',
        errorMessage: undefined,
      },
    ]);
  });

  test('the confirmation: facts, replies in the plural, dates left to the reader’s Teams client', () => {
    const card = renderConfirmationCard('de', confirmation, { summary: { ...summary, replyCount: 1 } });
    expect(visible(card)).toEqual([
      'Unterhaltung begonnen',
      'Thema: Q3 budget',
      'Gruppe: Contoso Marketing',
      'Teilnehmende: Megan Bowen (meganb@contoso.com)',
      'Begonnen: {{DATE(2026-11-27T10:15:42Z, SHORT)}} {{TIME(2026-11-27T10:15:42Z)}}',
      'Begonnen von: Alex Wilber',
      'Antworten: 1 Antwort',
      'Letzte Antwort: Megan Bowen, {{DATE(2026-11-27T12:00:00Z, SHORT)}} {{TIME(2026-11-27T12:00:00Z)}}',
      'Hi all, the numbers for Thursday.',
      'Die Mitglieder von Contoso Marketing und die hinzugefügten Personen finden sie in den Outlook-Unterhaltungen der Gruppe.',
      'Antworten',
      'Antwort senden',
      'Neueste Unterhaltungen',
      'Weitere Unterhaltung beginnen',
    ]);
  });

  test('user text inside a German sentence stays literal: German quotes around an escaped topic', () => {
    const card = renderPendingCard('de', {
      draftId: DRAFT_ID,
      topic: '**Q3** [Plan](https://x)',
      author: ALEX,
      byViewer: false,
    });
    expect(visible(card)[0]).toBe('Alex Wilber sendet „\\*\\*Q3\\*\\* \\[Plan\\](https://x)“ …');
  });

  test('plural forms follow the number', () => {
    const empty = (sinceDays: number) =>
      visible(renderRecentCard('de', { state: 'empty', group: MARKETING, sinceDays }))[1];
    expect(empty(1)).toBe('Keine Unterhaltungen in Contoso Marketing in den letzten 24 Stunden.');
    expect(empty(30)).toBe('Keine Unterhaltungen in Contoso Marketing in den letzten 30 Tagen.');
  });

  test('the help card lists the reader’s own command words, the ones their command menu sends', () => {
    const facts = (language: Language) =>
      visible(renderWelcomeCard(language, 'help'))
        .slice(2, 6)
        .map((fact) => fact.slice(0, fact.indexOf(':')));
    expect(facts('en')).toEqual(['Any message', 'help', 'recent', 'sign out']);
    expect(facts('de')).toEqual(['Beliebige Nachricht', 'hilfe', 'neueste', 'abmelden']);
  });

  test('an English reader still gets the English card', () => {
    expect(visible(renderWelcomeCard('en', 'welcome'))[0]).toBe('Hi! I am Group Conversations.');
    expect(visible(renderWelcomeCard('de', 'welcome'))[0]).toBe(
      'Hallo! Ich bin die App „Group Conversations“.',
    );
  });
});
