import { literal, literalLines } from '../../src/cards/markdown';
import { multiLineText, singleLineText } from '../../src/domain/text';
import { validateDraft } from '../../src/domain/validation';

/** What CommonMark shows for escaped text: the backslash before ASCII punctuation disappears. */
function shown(markdown: string): string {
  return markdown.replace(/\\([!-/:-@[-`{-~])/g, '$1');
}

describe('text hygiene: control and bidi characters never reach a topic or a name', () => {
  test('NUL, other C0/C1 controls and DEL are removed', () => {
    expect(singleLineText('Bud\u0000get\u0007 re\u007fview\u009b')).toBe('Budget review');
  });

  test('bidi overrides, embeddings, isolates and marks are removed ("Trojan Source")', () => {
    // U+202E makes "Invoice\u202Efdp.exe" display as "Invoiceexe.pdf".
    expect(singleLineText('Invoice\u202efdp.exe')).toBe('Invoicefdp.exe');
    expect(singleLineText('\u2066a\u2067b\u2068c\u2069 \u202ad\u202be\u202c \u200ef\u200fg\u061c')).toBe(
      'abc de fg',
    );
  });

  test('a one-line value turns line breaks and tabs into spaces; a body keeps them', () => {
    expect(singleLineText('Q3\r\nplan\tnow\u2028ok')).toBe('Q3 plan now ok');
    expect(multiLineText('Hi\r\n\tall\u0000\rbye')).toBe('Hi\n\tall\nbye');
  });

  test('right-to-left text, emoji and CJK are untouched; a lone surrogate becomes U+FFFD', () => {
    const text = 'שלום עולם 👩‍👩‍👧 会議 مرحبا';
    expect(singleLineText(text)).toBe(text);
    expect(singleLineText('a\ud800b')).toBe('a\ufffdb');
  });

  test('validation cleans the topic and body before checking them', () => {
    const result = validateDraft({
      topic: '\u202eLaunch\u0000 plan',
      body: 'Line 1\u0000\r\nLine 2',
      groupId: '02bd9fd6-8f93-4758-87c3-1fb73740a315',
    });
    expect(result.ok && [result.draft.topic, result.draft.body]).toEqual(['Launch plan', 'Line 1\nLine 2']);
    const onlyControls = validateDraft({ topic: '\u0000\u202e', body: 'x', groupId: 'g' });
    expect(onlyControls.ok ? [] : onlyControls.errors.map((error) => error.field)).toEqual(['topic']);
  });
});

describe('cards show user text literally, never as markdown', () => {
  test.each([
    ['a link', '[Reset your password](https://evil.example)'],
    ['bold and italic', '**urgent** _now_ *really*'],
    ['a list', '- item\n1. first\n2) second\n+ plus'],
    ['a heading and a quote', '# Title\n> quoted'],
    ['an autolink and an entity', '<https://evil.example> &lt;b&gt;'],
    ['code and strike-through', '`x` ~~gone~~'],
    ['Teams date functions', '{{DATE(2017-02-14T06:00:00Z, SHORT)}}'],
    ['backslashes', 'C:\\temp\\new \\*'],
  ])('%s: escaped so that it reads exactly as typed', (_name, text) => {
    const escaped = literalLines(text);
    expect(shown(escaped)).toBe(text);
    expect(escaped).not.toMatch(/(^|[^\\])\[[^\]]*(^|[^\\])\]\(/);
    expect(escaped).not.toMatch(/(^|[^\\])(\*\*|__|~~|`|\{\{)/);
    expect(escaped).not.toMatch(/^\s*([-+*>#]|\d+[.)])\s/m);
  });

  test('a one-line value is cleaned as well as escaped', () => {
    expect(literal('\u202e[x](https://evil)\u0000')).toBe('\\[x\\](https://evil)');
  });

  test('ordinary text is left as it is', () => {
    expect(literal('Q3 planning: budget, hiring & launch (draft) 50% done!')).toBe(
      'Q3 planning: budget, hiring \\& launch (draft) 50% done!',
    );
    expect(literal('Megan Bowen (meganb@contoso.com)')).toBe('Megan Bowen (meganb@contoso.com)');
  });
});
