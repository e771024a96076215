import { parseParticipants } from '../../src/domain/participants';

const MEGAN_ID = '5bde3e51-d13b-4db1-9948-fe4b109d11a7';
const ALEX_ID = '6de8ec04-6376-4939-ab47-83a2c85ab5f5';

describe('parseParticipants', () => {
  test('people-picker values are Entra object ids, kept as ids and lower-cased', () => {
    expect(parseParticipants(`${MEGAN_ID},${ALEX_ID.toUpperCase()}`)).toEqual({
      entries: [
        { kind: 'id', id: MEGAN_ID },
        { kind: 'id', id: ALEX_ID },
      ],
      invalid: [],
    });
  });

  test('typed addresses are e-mail entries, lower-cased', () => {
    expect(parseParticipants('MeganB@Contoso.com').entries).toEqual([
      { kind: 'email', address: 'meganb@contoso.com' },
    ]);
  });

  test('commas, semicolons and new lines all separate entries, and blank entries are ignored', () => {
    const { entries, invalid } = parseParticipants(
      'meganb@contoso.com, alexw@contoso.com;adelev@contoso.com\nguest@fabrikam.com;;\n,  ',
    );
    expect(entries.map((entry) => (entry.kind === 'email' ? entry.address : entry.id))).toEqual([
      'meganb@contoso.com',
      'alexw@contoso.com',
      'adelev@contoso.com',
      'guest@fabrikam.com',
    ]);
    expect(invalid).toEqual([]);
  });

  test('Windows line breaks separate entries too', () => {
    expect(parseParticipants('meganb@contoso.com\r\nalexw@contoso.com').entries).toEqual([
      { kind: 'email', address: 'meganb@contoso.com' },
      { kind: 'email', address: 'alexw@contoso.com' },
    ]);
  });

  test('"Name <address>" as pasted from Outlook keeps only the address', () => {
    expect(
      parseParticipants('Megan Bowen <MeganB@contoso.com>; "Alex Wilber" <alexw@contoso.com>').entries,
    ).toEqual([
      { kind: 'email', address: 'meganb@contoso.com' },
      { kind: 'email', address: 'alexw@contoso.com' },
    ]);
  });

  test('duplicates are dropped whatever their case or form, keeping the first occurrence order', () => {
    const { entries } = parseParticipants(
      `meganb@contoso.com; MEGANB@CONTOSO.COM; Megan <meganb@contoso.com>, ${MEGAN_ID}, ${MEGAN_ID.toUpperCase()}`,
    );
    expect(entries).toEqual([
      { kind: 'email', address: 'meganb@contoso.com' },
      { kind: 'id', id: MEGAN_ID },
    ]);
  });

  test('several inputs (picker and typed addresses) are merged and deduplicated together', () => {
    const { entries } = parseParticipants(MEGAN_ID, `guest@fabrikam.com; ${MEGAN_ID}`, undefined);
    expect(entries).toEqual([
      { kind: 'id', id: MEGAN_ID },
      { kind: 'email', address: 'guest@fabrikam.com' },
    ]);
  });

  test('entries that are neither an id nor an address are reported as typed, not silently dropped', () => {
    const { entries, invalid } = parseParticipants(
      'meganb@contoso.com; megan; alex@contoso; @contoso.com; a b@contoso.com; 5bde3e51-d13b-4db1-9948',
    );
    expect(entries).toEqual([{ kind: 'email', address: 'meganb@contoso.com' }]);
    expect(invalid).toEqual([
      'megan',
      'alex@contoso',
      '@contoso.com',
      'a b@contoso.com',
      '5bde3e51-d13b-4db1-9948',
    ]);
  });

  test('nothing typed means no participants and no errors', () => {
    expect(parseParticipants()).toEqual({ entries: [], invalid: [] });
    expect(parseParticipants(undefined, '', '  ')).toEqual({ entries: [], invalid: [] });
  });
});

test('a quoted display name with a comma, as Outlook pastes it, stays one participant', () => {
  const parsed = parseParticipants(
    '"Bowen, Megan" <MeganB@contoso.com>; "Gu; Lee" <leeg@contoso.com>, adelev@contoso.com',
  );

  expect(parsed.invalid).toEqual([]);
  expect(parsed.entries).toEqual([
    { kind: 'email', address: 'meganb@contoso.com' },
    { kind: 'email', address: 'leeg@contoso.com' },
    { kind: 'email', address: 'adelev@contoso.com' },
  ]);
});
