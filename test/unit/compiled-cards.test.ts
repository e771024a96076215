import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as ACData from 'adaptivecards-templating';
import fc from 'fast-check';
import { ModuleKind, ScriptTarget, transpileModule } from 'typescript';
import {
  CardTemplateError,
  COMPILED_DIR,
  compileCards,
  compileTemplate,
  functionName,
  TEMPLATES_DIR,
  templateFiles,
} from '../../scripts/card-compiler';
import { renderConfirmationCard } from '../../src/cards/confirmation-card';
import { renderDraftStatusCard } from '../../src/cards/draft-status-card';
import { renderFormCard } from '../../src/cards/form-card';
import { renderJitInstallCard } from '../../src/cards/jit-install-card';
import { renderPendingCard } from '../../src/cards/pending-card';
import { renderRecentCard } from '../../src/cards/recent-card';
import { type CompiledTemplate, withoutDroppedProperties } from '../../src/cards/render';
import { renderReplyCard } from '../../src/cards/reply-card';
import { renderSearchShareCard, searchPickOf } from '../../src/cards/search-card';
import * as runtime from '../../src/cards/template-runtime';
import { renderUnknownCard } from '../../src/cards/unknown-card';
import { renderWelcomeCard } from '../../src/cards/welcome-card';
import type { Confirmation } from '../../src/domain/confirmation';
import type { ReplyTarget } from '../../src/domain/reply';
import { LANGUAGES, type Language } from '../../src/i18n/language';

/**
 * Issue #10: the card templates are compiled to functions at build time (scripts/card-compiler.ts), and
 * adaptivecards-templating stays the reference: every template, expanded both ways, gives the same card.
 */

/** Every card a card module renders: which compiled template, with which data. */
const mockRendered: Array<{ template: CompiledTemplate; data: object }> = [];
jest.mock('../../src/cards/render', () => {
  const actual = jest.requireActual('../../src/cards/render');
  return {
    ...actual,
    renderCard: (template: CompiledTemplate, data: object) => {
      mockRendered.push({ template, data });
      return actual.renderCard(template, data);
    },
  };
});

const FILES = templateFiles();
const TEMPLATES = new Map(
  FILES.map((file) => [file, JSON.parse(readFileSync(join(TEMPLATES_DIR, file), 'utf8')) as object]),
);
/** The committed compiled function of each template, by its function name. */
const COMPILED = new Map(
  FILES.map((file) => {
    const module = jest.requireActual(join(COMPILED_DIR, file.replace(/\.json$/, ''))) as Record<
      string,
      CompiledTemplate
    >;
    return [functionName(file), { file, expand: module[functionName(file)] }];
  }),
);

/** The reference: what adaptivecards-templating makes of a template and data, or the error it throws. */
function reference(template: object, data: unknown): { card: unknown } | { threw: true } {
  try {
    return { card: new ACData.Template(template).expand({ $root: data }) };
  } catch {
    return { threw: true };
  }
}

function compiledResult(expand: CompiledTemplate, data: unknown): { card: unknown } | { threw: true } {
  try {
    return { card: expand(data) };
  } catch {
    return { threw: true };
  }
}

// ---------------------------------------------------------------------------------------------------------
// Every card state the bot renders, in every language, with the data its card module builds.
// ---------------------------------------------------------------------------------------------------------

const MARKETING = { id: '02bd9fd6-8f93-4758-87c3-1fb73740a315', displayName: 'Contoso Marketing' };
const FALCON = { id: 'a7c5d3e1-2b4f-4c6a-8e0d-9f1b3c5e7a90', displayName: 'Project Falcon <R&D> "beta"' };
const ALEX = { userKey: 'tenant/alex', mri: '29:1alexwilber', name: 'Alex Wilber' };
const REQUEST_ID = 'd0c2a9e4-7c1f-4a5e-9d2b-6f3e8a1b2c3d';
const DRAFT_ID = '3f1c2b7a-5d4e-4f60-9a8b-7c6d5e4f3a21';
// biome-ignore lint/suspicious/noTemplateCurlyInString: text a user typed that looks like an expression
const TYPED = "Q3 **plan** ${draftId} ${$root.topic} {{DATE(x)}} 'quoted' \\ `tick`";

const confirmation: Confirmation = {
  draftId: DRAFT_ID,
  conversationId: 'AAQkAGI2NGVhZTVlLTI1OGMtNDI4My1iZmE5LTA5OGJiZGEzMTc0YQAQAK0v',
  threadId: 'AAQkAGI2NGVhZTVlLTI1OGMtNDI4My1iZmE5LTA5OGJiZGEzMTc0YQMkABAAI',
  topic: TYPED,
  groupId: MARKETING.id,
  groupName: FALCON.displayName,
  participants: [
    { name: 'Megan Bowen', address: 'meganb@contoso.com' },
    { name: 'Alex Wilber', address: 'alexw@contoso.com' },
  ],
  createdAt: '2026-11-27T10:15:42.123Z',
  startedBy: 'Alex Wilber',
  preview: 'Hi all,\nthe numbers for Thursday.',
};
const target: ReplyTarget = {
  groupId: MARKETING.id,
  groupName: MARKETING.displayName,
  conversationId: confirmation.conversationId,
  threadId: confirmation.threadId ?? '',
  topic: TYPED,
  draftId: DRAFT_ID,
};
const summary = { replyCount: 3, latestAuthor: 'Megan Bowen', latestAt: '2026-11-27T12:00:00.000Z' };

/** Renders every card in every state the card tests render (test/unit/i18n-cards.test.ts and others). */
function renderEveryCard(language: Language): void {
  const form = { draftId: DRAFT_ID, target: { kind: 'choice' as const, groups: [MARKETING, FALCON] } };
  const reply = { target, replyDraftId: DRAFT_ID, authorMri: ALEX.mri };
  const pending = { draftId: DRAFT_ID, topic: TYPED, author: ALEX };
  const unknown = { ...pending, groupName: MARKETING.displayName, requestId: REQUEST_ID };
  const conversations = [
    { id: 'AAQk1', topic: TYPED, lastDeliveredDateTime: '2026-11-27T10:00:00Z', preview: 'Numbers.' },
    { id: 'AAQk2', topic: 'Hiring', lastDeliveredDateTime: '2026-11-26T09:00:00Z', preview: '' },
  ];
  renderFormCard(language, { ...form, values: { topic: TYPED, participants: 'a, b;c', emails: 'x@y.z' } });
  renderFormCard(language, { draftId: DRAFT_ID, target: { kind: 'linked', ...FALCON } });
  renderFormCard(language, {
    ...form,
    values: { topic: '', body: 'x', emails: 'bob', groupId: MARKETING.id },
    errors: [
      { field: 'topic', message: { key: 'messages.validation.topicEmpty' } },
      {
        field: 'emails',
        message: { key: 'messages.validation.notRecognised', params: { entries: '"bob"' } },
      },
    ],
    notice: { key: 'messages.failure.consent' },
    requestId: REQUEST_ID,
    attempted: true,
  });
  renderFormCard(language, {
    ...form,
    errors: [{ field: 'body', message: { key: 'messages.validation.bodyEmpty' } }],
    notice: { key: 'messages.failure.consent' },
  });
  renderFormCard(language, { draftId: DRAFT_ID, target: { kind: 'choice', groups: [] } });
  renderFormCard(language, { ...form, inDialog: true });
  renderPendingCard(language, { ...pending, byViewer: true });
  renderPendingCard(language, { ...pending, byViewer: false });
  renderUnknownCard(language, { ...unknown, lookedUp: false });
  renderUnknownCard(language, { ...unknown, lookedUp: true });
  renderUnknownCard(language, { ...unknown, lookedUp: true, inDialog: true });
  renderUnknownCard(language, { ...unknown, lookedUp: false, inDialog: true, requestId: undefined });
  for (const situation of ['othersOpen', 'othersPosting', 'othersUnknown', 'missing'] as const)
    renderDraftStatusCard(language, { situation, authorName: 'Alex Wilber', topic: TYPED });
  renderDraftStatusCard(language, { situation: 'othersOpen', inDialog: true });
  renderConfirmationCard(language, confirmation);
  renderConfirmationCard(language, { ...confirmation, participants: [], preview: undefined }, { summary });
  renderConfirmationCard(language, confirmation, {
    summary: { ...summary, replyCount: 1 },
    replyDraftId: 'r',
  });
  renderJitInstallCard(language, DRAFT_ID, TYPED);
  renderRecentCard(language, { state: 'list', group: MARKETING, conversations, sinceDays: 30 });
  renderRecentCard(language, {
    state: 'list',
    group: MARKETING,
    conversations: conversations.slice(1),
    sinceDays: 7,
  });
  renderRecentCard(language, { state: 'empty', group: MARKETING, sinceDays: 30 });
  renderRecentCard(language, { state: 'empty', group: MARKETING, sinceDays: 1 });
  renderRecentCard(language, { state: 'choice', groups: [MARKETING, FALCON] });
  renderRecentCard(language, { state: 'choice', groups: [MARKETING] });
  renderRecentCard(language, { state: 'noGroups' });
  renderRecentCard(language, {
    state: 'failed',
    group: MARKETING,
    notice: { key: 'messages.listFailure.forbidden' },
    requestId: REQUEST_ID,
  });
  renderReplyCard(language, {
    ...reply,
    state: 'form',
    replyText: TYPED,
    error: { key: 'messages.replyValidation.empty' },
    notice: { key: 'messages.replyFailure.notFound' },
    requestId: REQUEST_ID,
  });
  renderReplyCard(language, { ...reply, state: 'form', summary });
  for (const state of ['pending', 'posted'] as const) renderReplyCard(language, { ...reply, state, summary });
  renderReplyCard(language, { ...reply, state: 'unknown', lookedUp: false });
  renderReplyCard(language, { ...reply, state: 'unknown', lookedUp: true });
  const pick = searchPickOf(
    {
      id: 'AAQk1',
      topic: TYPED,
      preview: '**bold** {{DATE(2020-01-01T00:00:00Z)}}',
      lastDeliveredDateTime: '',
    },
    FALCON,
  );
  const dated = searchPickOf(
    { id: 'AAQk2', topic: 'Hiring', preview: '', lastDeliveredDateTime: '2026-11-27T10:15:00Z' },
    MARKETING,
  );
  for (const each of [pick, dated]) if (each) renderSearchShareCard(each, language);
  renderWelcomeCard(language, 'welcome');
  renderWelcomeCard(language, 'help');
}

describe('every card the bot renders is what adaptivecards-templating makes of its template', () => {
  mockRendered.length = 0;
  for (const language of LANGUAGES) renderEveryCard(language);
  const renders = mockRendered.map(({ template, data }, index) => {
    const compiled = COMPILED.get(template.name);
    if (!compiled) throw new Error(`${template.name} is not a compiled template`);
    return { name: `${index}: ${compiled.file}`, file: compiled.file, expand: compiled.expand, data };
  });

  test('every template is among them', () => {
    expect(new Set(renders.map(({ file }) => file))).toEqual(new Set(FILES));
  });

  test.each(renders)('$name', ({ file, expand, data }) => {
    const template = TEMPLATES.get(file) ?? {};
    const expected = new ACData.Template(template).expand({ $root: data }) as Record<string, unknown>;
    expect(expand(data)).toStrictEqual(expected);
    expect(withoutDroppedProperties(expand(data))).toStrictEqual(withoutDroppedProperties(expected));
  });
});

// ---------------------------------------------------------------------------------------------------------
// Any data of the shapes a template reads: the same card, or both refuse it.
// ---------------------------------------------------------------------------------------------------------

/** The names a template's expressions read: the keys generated data is made of. */
function namesRead(template: object): string[] {
  const names = new Set<string>();
  for (const [, expression] of JSON.stringify(template).matchAll(/\$\{([^}]*)\}/g))
    for (const [name] of expression.replace(/'[^']*'/g, '').matchAll(/[A-Za-z_][\w]*/g))
      if (name !== 'count') names.add(name);
  return [...names].sort();
}

/** Data the reference and the compiled function must agree on: every value type, missing keys, any case. */
function dataFor(names: readonly string[]): fc.Arbitrary<Record<string, unknown>> {
  const words = fc.constantFrom(
    '',
    'missing',
    'choice',
    'empty',
    'noGroups',
    'form',
    'pending',
    'unknown',
    'posted',
  );
  const scalar = fc.oneof(
    words,
    fc.string(),
    // biome-ignore lint/suspicious/noTemplateCurlyInString: data that looks like an expression
    fc.constant('${title}'),
    fc.integer({ min: -2, max: 3 }),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
  );
  const recordOf = (value: fc.Arbitrary<unknown>, missingOneIn: number) =>
    fc
      .tuple(
        ...names.map((name) =>
          fc.option(fc.tuple(fc.constantFrom(name, name.toUpperCase()), value), {
            nil: undefined,
            freq: missingOneIn,
          }),
        ),
      )
      .map((entries) => Object.fromEntries(entries.filter((entry) => entry !== undefined)));
  // Two levels: the data, and objects (`strings`, `$data` items) or lists of them inside it.
  const inner = recordOf(scalar, 2);
  const value = fc.oneof(
    scalar,
    inner,
    fc.array(fc.oneof(inner, scalar, fc.constant(undefined)), { maxLength: 3 }),
  );
  return recordOf(value, 4);
}

/** Fixed, as in security-fuzz.test.ts: every `npm test` runs the same cases, so CI cannot fail by chance. */
const SEED = 20_261_127;

describe('any data gives the same card both ways, or is refused both ways', () => {
  test.each(FILES)('%s', (file) => {
    const template = TEMPLATES.get(file) ?? {};
    const { expand } = COMPILED.get(functionName(file)) ?? { expand: () => ({}) };
    fc.assert(
      fc.property(dataFor(namesRead(template)), (data) => {
        expect(compiledResult(expand, data)).toStrictEqual(reference(template, data));
      }),
      { seed: SEED, numRuns: 200 },
    );
  });
});

// ---------------------------------------------------------------------------------------------------------
// The engine's rules, one by one, on small templates compiled here.
// ---------------------------------------------------------------------------------------------------------

/** A template compiled as the build compiles it, loaded against the real runtime. */
function compile(template: object): CompiledTemplate {
  const source = compileTemplate('t.json', template);
  const js = transpileModule(source, {
    compilerOptions: { module: ModuleKind.CommonJS, target: ScriptTarget.ES2022 },
  });
  const module = { exports: {} as Record<string, CompiledTemplate> };
  new Function('require', 'module', 'exports', js.outputText)(() => runtime, module, module.exports);
  return module.exports.expandT;
}

/* biome-ignore-start lint/suspicious/noTemplateCurlyInString: template text under test */
const RULES: Array<[string, object, unknown[]]> = [
  [
    'a missing value reads as its own ${…} text, in a whole value and inside a text',
    { a: '${missing}', b: 'x ${missing.deeper} y', c: '${$root.nope}' },
    [{}, { missing: null }, { missing: { deeper: 1 } }],
  ],
  [
    'a whole value keeps its type (lists, booleans, numbers, objects, null); a text joins them with toString',
    { whole: '${v}', text: '<${v}>', list: ['${v}', 'x'] },
    [{ v: [1, 'a'] }, { v: true }, { v: 0 }, { v: { k: 1 } }, { v: null }, { v: '' }, { v: [] }],
  ],
  [
    '$when on an array element removes it; on a property it leaves null',
    { list: [{ $when: '${show}', k: 1 }, { k: 2 }], prop: { $when: '${show}', k: 3 } },
    [{ show: true }, { show: false }, { show: 'true' }, { show: 1 }, {}],
  ],
  [
    '$data repeats an element per item, with $root inside; one item is itself, none is dropped',
    {
      list: [{ $data: '${items}', name: '${name}', top: '${$root.title}', here: '${$data.name}' }],
      prop: { $data: '${items}', name: '${name}' },
      when: [{ $data: '${items}', $when: "${name != ''}", name: '${name}' }],
    },
    [
      { items: [{ name: 'a' }, { name: '' }, { name: 'c' }], title: 'T' },
      { items: [{ name: 'a' }], title: 'T' },
      { items: [], title: 'T' },
      { items: { name: 'one object' } },
      { items: [{ name: 'a' }, undefined, null] },
      {},
    ],
  ],
  [
    'comparisons, logic, count() and quoted literals',
    {
      list: [
        { $when: "${s == 'a'}", k: 'eq' },
        { $when: "${s != 'a'}", k: 'ne' },
        { $when: '${n > 0}', k: 'gt' },
        { $when: "${s == 'a' && !b}", k: 'and-not' },
        { $when: "${s == 'b' || b}", k: 'or' },
        { $when: '${count(xs) > 1}', k: 'count' },
        { $when: '${n == 1}', k: 'eq-number' },
      ],
      counted: '${count(xs)}',
      compared: '${n > 0}',
    },
    [
      { s: 'a', n: 1, b: false, xs: [1, 2] },
      { s: 'b', n: 0, b: true, xs: 'ab' },
      { s: null, n: '1', xs: { a: 1, b: 2 } },
      { n: 1.0000000000000002, xs: null },
      {},
    ],
  ],
];
/* biome-ignore-end lint/suspicious/noTemplateCurlyInString: template text under test */

describe('the compiled code follows each rule of the reference', () => {
  test.each(RULES)('%s', (_rule, template, cases) => {
    const expand = compile(template);
    for (const data of cases)
      expect({ data, ...compiledResult(expand, data) }).toStrictEqual({ data, ...reference(template, data) });
  });

  test('an expression the compiler does not know fails the build, naming the template and the expression', () => {
    // biome-ignore lint/suspicious/noTemplateCurlyInString: template text under test
    const template = { type: 'AdaptiveCard', body: [{ type: 'TextBlock', text: "${if(a, 'x', 'y')}" }] };
    expect(() => compileTemplate('odd.json', template)).toThrow(CardTemplateError);
    expect(() => compileTemplate('odd.json', template)).toThrow(
      /odd\.json: \$\.body\[0\]\.text: .*if\(a, 'x', 'y'\)/,
    );
  });
});

// ---------------------------------------------------------------------------------------------------------
// The committed code is what the compiler makes of the committed templates.
// ---------------------------------------------------------------------------------------------------------

describe('src/cards/compiled', () => {
  test('is what the templates compile to now (after editing a template: npm run cards:compile)', () => {
    expect(compileCards({ write: false })).toEqual({ changed: [] });
  });

  test('an edited template is reported until it is compiled again', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cards-'));
    try {
      const dirs = { templatesDir: join(dir, 'templates'), compiledDir: join(dir, 'compiled') };
      cpSync(join(TEMPLATES_DIR, 'welcome.json'), join(dirs.templatesDir, 'welcome.json'));
      cpSync(join(COMPILED_DIR, 'welcome.ts'), join(dirs.compiledDir, 'welcome.ts'));
      const file = join(dirs.templatesDir, 'welcome.json');
      writeFileSync(file, readFileSync(file, 'utf8').replace('"Bolder"', '"Lighter"'));

      expect(compileCards({ write: false, ...dirs })).toEqual({ changed: ['welcome.ts'] });
      expect(compileCards({ write: true, ...dirs })).toEqual({ changed: ['welcome.ts'] });
      expect(compileCards({ write: false, ...dirs })).toEqual({ changed: [] });
      expect(readFileSync(join(dirs.compiledDir, 'welcome.ts'), 'utf8')).toContain("weight: 'Lighter'");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
