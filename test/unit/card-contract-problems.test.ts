import { cardActionProblem, readCardAction } from '../../src/cards/contract';

const DRAFT_ID = '3f1c2b7a-5d4e-4f60-9a8b-7c6d5e4f3a21';
const GROUP_ID = '02bd9fd6-8f93-4758-87c3-1fb73740a315';

describe('cardActionProblem: a refused action names its field', () => {
  test.each([
    ['participants as an array', { participants: ['a@contoso.com'] }, 'participants: Expected string'],
    ['a group id that is not a GUID', { groupId: '..' }, 'groupId: Expected union value'],
    ['a group choice without a name', { groupChoices: [{ id: GROUP_ID }] }, 'groupChoices.0.displayName'],
    ['a topic that is an object', { topic: { $: 1 } }, 'topic: Expected string'],
  ])('%s', (_name, patch, expected) => {
    const data = { draftId: DRAFT_ID, ...patch };
    expect(readCardAction('createConversation', data)).toBeUndefined();
    expect(cardActionProblem('createConversation', data)).toContain(expected);
  });

  test('a missing draft id, an unknown verb, and data that is not an object', () => {
    expect(cardActionProblem('checkConversation', {})).toBe('draftId: Expected required property');
    expect(cardActionProblem('toString', {})).toBe('verb: not an action of this app');
    expect(cardActionProblem('createConversation', 'text')).toBe('data: Expected object');
  });

  test('well-formed actions have no problem, and group ids are GUIDs', () => {
    expect(cardActionProblem('createConversation', { draftId: DRAFT_ID, groupId: GROUP_ID })).toBeUndefined();
    expect(cardActionProblem('newDraft', undefined)).toBeUndefined();
    expect(readCardAction('createConversation', { draftId: DRAFT_ID, groupId: 'marketing' })).toBeUndefined();
  });
});
