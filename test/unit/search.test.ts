import { readCardAction } from '../../src/cards/contract';
import { renderSearchShareCard, searchPickOf, searchPreview } from '../../src/cards/search-card';
import { searchWords, topicMatches } from '../../src/graph/search-conversations';
import { LANGUAGES } from '../../src/i18n/language';
import { adaptiveCardProblems } from '../support/adaptive-card-schema';

/** The search command's matching rules and its shared card, without Teams or Graph in the way. */

describe('matching topic words', () => {
  test.each([
    ['budget', 'Q3 Budget review', true],
    ['review budget', 'Q3 Budget review', true],
    ['budget forecast', 'Q3 Budget review', false],
    ['ubersicht', 'Übersicht Budget', true],
    ['strasse', 'Hauptstraße 5', true],
    ['CAFÉ', 'cafe opening', true],
    ['q3-budget', 'Q3 budget', true],
  ])('"%s" in "%s": %s', (typed, topic, expected) => {
    expect(topicMatches(topic, searchWords(typed))).toBe(expected);
  });

  test('no words (Teams’ initial run) matches every topic', () => {
    expect(searchWords('  ')).toEqual([]);
    expect(topicMatches('anything', [])).toBe(true);
  });

  test('what the user typed is bounded: a few words of bounded length', () => {
    const words = searchWords(`${'a'.repeat(500)} ${'b '.repeat(50)}`);
    expect(words.length).toBeLessThanOrEqual(8);
    for (const word of words) expect(word.length).toBeLessThanOrEqual(64);
  });
});

describe('the shared card', () => {
  const picked = searchPickOf(
    {
      id: 'AAQkA'.padEnd(512, 'x'),
      topic: `[Reset](https://evil.example) ${'T'.repeat(600)}`,
      preview: `**bold** {{DATE(2020-01-01T00:00:00Z)}} ${'p'.repeat(2000)}`,
      lastDeliveredDateTime: '2026-11-27T10:15:00Z',
    },
    { id: '433f59ec-d67d-4950-902b-c0213dbd18cc', displayName: `${'G'.repeat(255)}😀` },
  );
  if (!picked) throw new Error('the longest conversation must still be a result');
  const longest = picked;

  test.each(LANGUAGES)(
    'is Adaptive Cards 1.5 at every field’s maximum, well below 40 KB (%s)',
    (language) => {
      const card = renderSearchShareCard(longest, language);
      expect(adaptiveCardProblems(card)).toEqual([]);
      expect(Buffer.byteLength(JSON.stringify(card))).toBeLessThan(8 * 1024);
    },
  );

  test('what a user or Graph wrote is shown literally, never as markup or a date function', () => {
    const shown = JSON.stringify(renderSearchShareCard(longest, 'en'));
    expect(shown).toContain('\\\\[Reset\\\\](https://evil.example)');
    expect(shown).toContain('\\\\*\\\\*bold\\\\*\\\\*');
    expect(shown).toContain('\\\\{\\\\{DATE(2020');
  });

  test('the result list shows a preview’s markup as text: Teams formats a thumbnail’s text as HTML', () => {
    const group = { id: '433f59ec-d67d-4950-902b-c0213dbd18cc', displayName: 'G' };
    const pick = searchPickOf(
      {
        id: 'AAQkA',
        topic: 'Invoice',
        preview: 'Pay <a href="https://evil.example">here</a> & <b>now</b>',
        lastDeliveredDateTime: '2026-11-27T10:15:00Z',
      },
      group,
    );
    if (!pick) throw new Error('a valid conversation must be a result');
    expect(searchPreview(pick, 'en', '').content.text).toBe(
      'Pay &lt;a href=&quot;https://evil.example&quot;&gt;here&lt;/a&gt; &amp; &lt;b&gt;now&lt;/b&gt;',
    );
  });

  test('its "Reply" sends what the contract accepts back, even at every field’s maximum', () => {
    const card = renderSearchShareCard(longest, 'en') as {
      actions: Array<{ verb?: string; data?: unknown }>;
    };
    const reply = card.actions.find((action) => action.verb === 'openReply');
    expect(readCardAction('openReply', reply?.data)).toBeDefined();
    // Clipped to the contract's length without splitting the emoji at the limit.
    expect(longest.groupName).toBe('G'.repeat(255));
  });

  test('a conversation whose id the contract would refuse is not listed; a date Teams cannot show is left out', () => {
    const group = { id: '433f59ec-d67d-4950-902b-c0213dbd18cc', displayName: 'G' };
    expect(
      searchPickOf({ id: 'not/an?id', topic: 't', preview: '', lastDeliveredDateTime: '' }, group),
    ).toBeUndefined();
    expect(
      searchPickOf({ id: 'AAQkA', topic: 't', preview: '', lastDeliveredDateTime: 'yesterday' }, group),
    ).toMatchObject({ conversationId: 'AAQkA', lastDeliveredDateTime: '' });
  });
});
