import { multiLineText, singleLineText } from '../domain/text';

/**
 * User and directory text shown in a TextBlock or a Fact: always literal, never markdown.
 *
 * Teams renders a CommonMark subset in TextBlock.text, Fact.title and Fact.value: **bold**, _italic_, lists
 * and [links](url) (https://learn.microsoft.com/adaptive-cards/authoring-cards/text-features,
 * https://learn.microsoft.com/microsoftteams/platform/task-modules-and-cards/cards/cards-format). A topic
 * typed as "[Reset your password](https://evil.example)" would otherwise show as a link whose target the
 * reader cannot see. CommonMark makes any ASCII punctuation after a backslash literal, so escaping the
 * characters that start markup is enough; everything else is left alone so the text reads as typed.
 * Only for display: input values and action data carry the raw text, or a resubmit would double the escapes.
 */

/** Inline markup anywhere in a line: emphasis, strike, code, links, autolinks, entities, Teams' {{DATE()}}. */
const INLINE = /[\\*_~`[\]<&{]/g;
/** Block markup that only counts at the start of a line: lists, headings, quotes, numbered lists. */
const LINE_START = /^([ \t]*)([-+#>]|\d+[.)])/gm;

/** One-line text (a topic, a name) for a TextBlock or Fact. */
export function literal(text: string): string {
  return escapeMarkup(singleLineText(text));
}

/** Multi-line text (a message preview) for a TextBlock; line breaks are kept. */
export function literalLines(text: string): string {
  return escapeMarkup(multiLineText(text));
}

function escapeMarkup(text: string): string {
  return text
    .replace(INLINE, (char) => `\\${char}`)
    .replace(LINE_START, (_match, indent: string, marker: string) => `${indent}${escapeLast(marker)}`);
}

/** "-" becomes "\-", "12." becomes "12\.": the digits stay, the punctuation that makes it a list goes literal. */
function escapeLast(marker: string): string {
  return `${marker.slice(0, -1)}\\${marker.slice(-1)}`;
}
