import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CARD_VERBS, readCardAction } from '../../src/cards/contract';

const TEMPLATES = join(__dirname, '../../src/cards/templates');
const DRAFT_ID = '3f1c2b7a-5d4e-4f60-9a8b-7c6d5e4f3a21';

/** Every `verb` of an Action.Execute, and every `data.verb` a dialog's Action.Submit carries. */
function verbsIn(node: unknown, found: Set<string> = new Set()): Set<string> {
  if (Array.isArray(node)) for (const item of node) verbsIn(item, found);
  else if (node && typeof node === 'object') {
    const record = node as Record<string, unknown>;
    if (typeof record.verb === 'string') found.add(record.verb);
    for (const value of Object.values(record)) verbsIn(value, found);
  }
  return found;
}

test('every verb any card template sends is in the contract’s verb union', () => {
  const files = readdirSync(TEMPLATES).filter((file) => file.endsWith('.json'));
  const used = new Set<string>();
  for (const file of files) verbsIn(JSON.parse(readFileSync(join(TEMPLATES, file), 'utf8')), used);
  expect(used.size).toBeGreaterThan(0);
  for (const verb of used) expect(CARD_VERBS).toContain(verb);
});

describe('readCardAction: only our verbs, only well-shaped data', () => {
  test('a form submit with Teams’ merged inputs is read as typed data', () => {
    const data = { draftId: DRAFT_ID, linkedGroupId: '', groupChoices: [], topic: 'T', participants: 'a,b' };
    expect(readCardAction('createConversation', data)).toEqual({ verb: 'createConversation', data });
  });

  test.each(['constructor', 'toString', '__proto__', 'hasOwnProperty', '', undefined, 42])(
    'verb %p is refused',
    (verb) => {
      expect(readCardAction(verb, { draftId: DRAFT_ID })).toBeUndefined();
    },
  );

  test.each([
    ['participants as an array', { participants: ['a@contoso.com'] }],
    ['a group id that would change the URL path', { groupId: '..' }],
    ['a linked group id with a slash', { linkedGroupId: 'abc/def' }],
    ['a topic that is not text', { topic: { $: 1 } }],
    [
      'more than 100 group choices',
      { groupChoices: Array.from({ length: 101 }, (_, i) => ({ id: `g${i}`, displayName: 'G' })) },
    ],
  ])('%s is refused, not silently dropped', (_name, patch) => {
    expect(readCardAction('createConversation', { draftId: DRAFT_ID, ...patch })).toBeUndefined();
  });

  test('a draft id that is not a GUID is refused', () => {
    expect(readCardAction('checkConversation', { draftId: '../../x' })).toBeUndefined();
    expect(readCardAction('checkConversation', { draftId: DRAFT_ID })).toEqual({
      verb: 'checkConversation',
      data: { draftId: DRAFT_ID },
    });
  });
});
