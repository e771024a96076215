/** Text hygiene for what users and the directory supply: no invisible characters that change how text reads. */

/**
 * C0 and C1 control characters and DEL. NUL truncates strings in some mail and log pipelines; the others
 * are invisible in Teams and Outlook and only ever arrive by accident or on purpose.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is this regex's job
const CONTROLS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;
/** Line breaks and tabs: kept in a message body, turned into spaces in a one-line field. */
const LINE_BREAKS = /[\t\n\r\u2028\u2029]+/g;
/**
 * Bidirectional formatting characters (Unicode UAX #9: embeddings, overrides, isolates and the implicit
 * marks). They reorder how a line displays without changing what it says: "Invoice‮fdp.exe" reads as
 * "Invoiceexe.pdf" (the "Trojan Source" trick, CVE-2021-42574). Right-to-left scripts display correctly
 * without them.
 */
const BIDI_CONTROLS = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
/** A UTF-16 surrogate without its pair is not text: JSON encoders and Graph reject or mangle it. */
const LONE_SURROGATES = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** A one-line value (a topic, a name): controls and bidi characters removed, line breaks become spaces. */
export function singleLineText(text: string): string {
  return clean(text.replace(LINE_BREAKS, ' '));
}

/** A multi-line value (a message body): as singleLineText, but line breaks and tabs are kept. */
export function multiLineText(text: string): string {
  return clean(text.replace(/\r\n?/g, '\n'));
}

function clean(text: string): string {
  return text.replace(CONTROLS, '').replace(BIDI_CONTROLS, '').replace(LONE_SURROGATES, '\ufffd');
}
