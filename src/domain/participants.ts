/**
 * A participant as the user entered it: the people picker submits Entra object ids, a typed entry is an
 * e-mail address. Both travel in one comma/semicolon-separated string.
 */
export type ParticipantEntry = { kind: 'id'; id: string } | { kind: 'email'; address: string };

export interface ParsedParticipants {
  entries: ParticipantEntry[];
  invalid: string[];
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// Deliberately pragmatic: one @, a dotted domain, no spaces or angle brackets. Exchange is the final judge.
const EMAIL = /^[^\s@<>",;]+@[^\s@<>",;]+\.[^\s@<>",;.]{2,}$/;

export function parseParticipants(...inputs: ReadonlyArray<string | undefined>): ParsedParticipants {
  const entries: ParticipantEntry[] = [];
  const invalid: string[] = [];
  const seen = new Set<string>();
  for (const raw of splitEntries(inputs)) {
    const entry = classify(raw);
    if (!entry) {
      invalid.push(raw);
      continue;
    }
    const key = entry.kind === 'id' ? `id:${entry.id}` : `email:${entry.address}`;
    if (!seen.has(key)) {
      seen.add(key);
      entries.push(entry);
    }
  }
  return { entries, invalid };
}

function splitEntries(inputs: ReadonlyArray<string | undefined>): string[] {
  return inputs
    .flatMap((input) => splitOutsideQuotes(input ?? ''))
    .map((part) => stripDisplayName(part.trim()))
    .filter((part) => part.length > 0);
}

/** Outlook pastes `"Bowen, Megan" <meganb@contoso.com>`: separators inside quotes or <…> do not split. */
function splitOutsideQuotes(input: string): string[] {
  const parts: string[] = [];
  let current = '';
  let closing: string | undefined;
  for (const char of input) {
    if (closing) {
      if (char === closing) closing = undefined;
    } else if (char === '"') closing = '"';
    else if (char === '<') closing = '>';
    else if (char === ',' || char === ';' || char === '\n') {
      parts.push(current);
      current = '';
      continue;
    }
    current += char;
  }
  parts.push(current);
  return parts;
}

/** Accepts "Megan Bowen <meganb@contoso.com>" as pasted from Outlook. */
function stripDisplayName(entry: string): string {
  const match = /<([^<>]+)>\s*$/.exec(entry);
  return match ? match[1].trim() : entry;
}

function classify(entry: string): ParticipantEntry | undefined {
  if (GUID.test(entry)) return { kind: 'id', id: entry.toLowerCase() };
  if (EMAIL.test(entry)) return { kind: 'email', address: entry.toLowerCase() };
  return undefined;
}
