/** Graph's `preview`: the first post as plain text, the way Outlook shows it in a list. */

const NAMED_ENTITIES: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
};

export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code =
        name[1] === 'x' || name[1] === 'X' ? Number.parseInt(name.slice(2), 16) : Number(name.slice(1));
      return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED_ENTITIES[name.toLowerCase()] ?? whole;
  });
}

// Block-level tags separate words ("a<br>b" reads "a b"); inline ones do not ("<b>x</b>y" reads "xy").
const BLOCK_TAG = /<\/?(br|p|div|li|ul|ol|tr|td|th|table|h[1-6]|blockquote|hr)\b[^>]*>/gi;

export function htmlToText(html: string): string {
  return html
    .replace(/<(script|style)\b[^>]*>[\s\S]*?<\/\1\s*>/gi, '')
    .replace(BLOCK_TAG, ' ')
    .replace(/<[^>]*>/g, '');
}

export const PREVIEW_LENGTH = 255;

export function makePreview(content: string, contentType: 'html' | 'text'): string {
  // Entities are decoded after stripping so an escaped "&lt;b&gt;" survives as literal text.
  const text = contentType === 'html' ? decodeEntities(htmlToText(content)) : content;
  return text.replace(/\s+/g, ' ').trim().slice(0, PREVIEW_LENGTH);
}
