import { escapeHtml, plainTextToHtml } from '../../src/domain/html';

describe('plainTextToHtml: what the user typed is shown, never interpreted', () => {
  test('a <script> tag is escaped', () => {
    expect(plainTextToHtml('<script>alert("hi")</script>')).toBe(
      '&lt;script&gt;alert(&quot;hi&quot;)&lt;/script&gt;',
    );
  });

  test('ampersands and apostrophes are escaped, and existing entities are not decoded', () => {
    expect(plainTextToHtml("Q&A: it's &amp; <b>bold</b>")).toBe(
      'Q&amp;A: it&#39;s &amp;amp; &lt;b&gt;bold&lt;/b&gt;',
    );
  });

  test('line breaks survive as <br>', () => {
    expect(plainTextToHtml('Hi all,\n\nAgenda:\n- budget')).toBe('Hi all,<br><br>Agenda:<br>- budget');
  });

  test('CRLF and lone CR become one <br> each', () => {
    expect(plainTextToHtml('one\r\ntwo\rthree\n')).toBe('one<br>two<br>three<br>');
  });

  test('the <br> the function adds is the only markup in the output', () => {
    expect(plainTextToHtml('a<br>b\nc')).toBe('a&lt;br&gt;b<br>c');
  });

  test('escapeHtml leaves ordinary text untouched', () => {
    expect(escapeHtml('Quarterly planning – Zürich 2025')).toBe('Quarterly planning – Zürich 2025');
  });
});
