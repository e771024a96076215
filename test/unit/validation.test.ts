import type { DraftField, DraftInput } from '../../src/domain/draft';
import { validateDraft } from '../../src/domain/validation';
import { translate } from '../../src/i18n/catalog';
import type { Language } from '../../src/i18n/language';

const GROUP = '02bd9fd6-8f93-4758-87c3-1fb73740a315';
const MEGAN_ID = '5bde3e51-d13b-4db1-9948-fe4b109d11a7';

const draft: DraftInput = {
  topic: 'Quarterly planning',
  body: 'Hi all,\nplease add your items to the agenda.',
  participants: MEGAN_ID,
  emails: 'guest@fabrikam.com',
  groupId: GROUP,
};

/** Each error as a reader of `language` sees it: validation returns message values, the card translates them. */
function errorsOf(
  input: DraftInput,
  language: Language = 'en',
): Array<{ field: DraftField; message: string }> {
  const result = validateDraft(input);
  if (result.ok) return [];
  return result.errors.map(({ field, message }) => ({ field, message: translate(language, message) }));
}

function fields(input: DraftInput): string[] {
  return errorsOf(input).map((error) => error.field);
}

describe('validateDraft', () => {
  test('a complete draft is valid, with picked and typed participants merged', () => {
    expect(validateDraft(draft)).toEqual({
      ok: true,
      draft: {
        topic: 'Quarterly planning',
        body: 'Hi all,\nplease add your items to the agenda.',
        participants: [
          { kind: 'id', id: MEGAN_ID },
          { kind: 'email', address: 'guest@fabrikam.com' },
        ],
        groupId: GROUP,
      },
    });
  });

  test('participants are optional: the group members get the conversation anyway', () => {
    const result = validateDraft({ ...draft, participants: undefined, emails: '' });
    expect(result.ok && result.draft.participants).toEqual([]);
  });

  test('topic and group id are trimmed; the body loses trailing but keeps leading whitespace', () => {
    const result = validateDraft({
      ...draft,
      topic: '  Launch  ',
      groupId: ` ${GROUP}\n`,
      body: '  indented first line\n\n  ',
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.draft.topic).toBe('Launch');
    expect(result.draft.groupId).toBe(GROUP);
    expect(result.draft.body).toBe('  indented first line');
  });

  test('the topic is required: missing, empty or blank', () => {
    for (const topic of [undefined, '', '   \t'])
      expect(errorsOf({ ...draft, topic })).toEqual([{ field: 'topic', message: 'Enter a topic.' }]);
  });

  test('the topic may have 255 characters after trimming, not 256', () => {
    expect(validateDraft({ ...draft, topic: ` ${'t'.repeat(255)} ` }).ok).toBe(true);
    expect(errorsOf({ ...draft, topic: 't'.repeat(256) })).toEqual([
      { field: 'topic', message: 'The topic is 256 characters long; the limit is 255.' },
    ]);
  });

  test('the body is required: missing, empty or only whitespace', () => {
    for (const body of [undefined, '', ' \n\r\n '])
      expect(errorsOf({ ...draft, body })).toEqual([
        { field: 'body', message: 'Write the message to post.' },
      ]);
  });

  test('the body may have 32000 bytes of UTF-8, not 32001: a card carrying it must fit in a Teams message', () => {
    expect(validateDraft({ ...draft, body: 'b'.repeat(32_000) }).ok).toBe(true);
    expect(validateDraft({ ...draft, body: `${'b'.repeat(32_000)}\n\n` }).ok).toBe(true);
    const limitNote =
      'The limit is 32000 bytes: 32000 letters, or about a third as many Chinese, Japanese or Korean characters.';
    expect(errorsOf({ ...draft, body: 'b'.repeat(32_001) })).toEqual([
      { field: 'body', message: `The message is too long: shorten it by about 1 character. ${limitNote}` },
    ]);
    expect(validateDraft({ ...draft, body: '漢'.repeat(10_666) }).ok).toBe(true);
    expect(errorsOf({ ...draft, body: '漢'.repeat(11_000) })).toEqual([
      { field: 'body', message: `The message is too long: shorten it by about 334 characters. ${limitNote}` },
    ]);
  });

  test('a pasted wall of text in the people fields is refused with its length', () => {
    expect(errorsOf({ ...draft, emails: 'x'.repeat(10_001) })).toContainEqual({
      field: 'emails',
      message: 'This list is 10001 characters long; the limit is 10000.',
    });
  });

  test('at most 100 distinct participants, counted across both inputs', () => {
    const addresses = (from: number, count: number) =>
      Array.from({ length: count }, (_, i) => `person${from + i}@contoso.com`).join('; ');
    expect(validateDraft({ ...draft, participants: '', emails: addresses(0, 100) }).ok).toBe(true);
    // Duplicates do not count twice.
    expect(validateDraft({ ...draft, participants: addresses(0, 60), emails: addresses(0, 100) }).ok).toBe(
      true,
    );
    expect(errorsOf({ ...draft, participants: addresses(0, 60), emails: addresses(60, 41) })).toEqual([
      { field: 'participants', message: '101 participants is too many; the limit is 100.' },
    ]);
  });

  test('unrecognised typed addresses are reported on the e-mail field, quoting what was typed', () => {
    expect(errorsOf({ ...draft, emails: 'guest@fabrikam.com; bob; carol@northwind' })).toEqual([
      {
        field: 'emails',
        message: 'Not a valid e-mail address or directory user: "bob", "carol@northwind".',
      },
    ]);
  });

  test('an unrecognised picker value is reported on the participants field', () => {
    expect(errorsOf({ ...draft, participants: `${MEGAN_ID},not-an-id` })).toEqual([
      { field: 'participants', message: 'Not a valid e-mail address or directory user: "not-an-id".' },
    ]);
  });

  test('the group is required', () => {
    for (const groupId of [undefined, '', '  '])
      expect(errorsOf({ ...draft, groupId })).toEqual([
        { field: 'groupId', message: 'Choose the group to post in.' },
      ]);
  });

  test('errors are message values: a German reader gets German, with the same numbers', () => {
    expect(errorsOf({ ...draft, topic: 't'.repeat(256), groupId: '' }, 'de')).toEqual([
      { field: 'topic', message: 'Das Thema ist 256 Zeichen lang; erlaubt sind höchstens 255.' },
      { field: 'groupId', message: 'Wählen Sie die Gruppe aus, in der gepostet werden soll.' },
    ]);
    expect(errorsOf({ ...draft, body: 'b'.repeat(32_001) }, 'de')[0]?.message).toMatch(
      /^Die Nachricht ist zu lang: Kürzen Sie sie um etwa 1 Zeichen\. Erlaubt sind 32000 Byte/,
    );
  });

  test('every problem is reported at once, in form order', () => {
    expect(fields({ topic: ' ', body: '', participants: 'x', emails: 'y', groupId: '' })).toEqual([
      'topic',
      'body',
      'participants',
      'emails',
      'groupId',
    ]);
  });
});
