/**
 * Query options of `GET /groups/{id}/conversations`, limited to what Graph documents for it: `$select` and
 * `$filter` (plus the `$skiptoken` of our own nextLinks). Anything else is refused, so the bot cannot come
 * to depend on an option a real tenant may ignore or reject.
 */
import { GraphError } from './errors';
import type { StoredConversation } from './store';

export const CONVERSATION_PAGE_SIZE = 10;

const SUPPORTED_OPTIONS = ['$select', '$filter', '$skiptoken'];

const bad = (message: string): GraphError => new GraphError(400, 'BadRequest', message);

/** Option names compare case-insensitively, as OData 4.01 allows; any other name is a 400. */
export function requireSupportedOptions(query: URLSearchParams): void {
  const seen = new Set<string>();
  for (const name of query.keys()) {
    const key = name.toLowerCase();
    if (!SUPPORTED_OPTIONS.includes(key)) {
      throw bad(
        `The query option '${name}' is not supported on GET /groups/{id}/conversations. ` +
          'Microsoft Graph documents only $select and $filter for this call.',
      );
    }
    // Two $filter options would leave it to chance which one applies.
    if (seen.has(key)) throw bad(`The query option '${name}' is specified more than once.`);
    seen.add(key);
  }
}

/** The value of an option whatever the case of its name, e.g. `$Filter`. */
export function queryOption(query: URLSearchParams, name: string): string | null {
  for (const [key, value] of query) if (key.toLowerCase() === name) return value;
  return null;
}

export type ConversationPredicate = (conversation: StoredConversation) => boolean;

// OData's unquoted DateTimeOffset literal: date, time to the minute at least, and a zone.
const DATE_TIME_OFFSET = /^\d{4}-\d\d-\d\dT\d\d:\d\d(?::\d\d(?:\.\d{1,7})?)?(?:Z|[+-]\d\d:\d\d)$/i;

const COMPARE: Readonly<Record<string, (a: number, b: number) => boolean>> = {
  ge: (a, b) => a >= b,
  gt: (a, b) => a > b,
  le: (a, b) => a <= b,
  lt: (a, b) => a < b,
};

// One clause and the whitespace after it; a string literal doubles its quotes ('O''Brien').
const CLAUSE =
  /^(?:(lastDeliveredDateTime)\s+(ge|gt|le|lt)\s+(\S+)|(topic)\s+eq\s+'((?:[^']|'')*)')(?:\s+|$)/i;

function invalidFilter(filter: string, detail: string): GraphError {
  return bad(
    `Invalid $filter '${filter}': ${detail}. Supported: lastDeliveredDateTime ge|gt|le|lt <DateTimeOffset> ` +
      "and topic eq '<string>', combined with 'and'.",
  );
}

function dateClause(filter: string, op: string, literal: string): ConversationPredicate {
  if (literal.startsWith("'")) {
    throw invalidFilter(filter, `a DateTimeOffset is written without quotes, got ${literal}`);
  }
  const at = Date.parse(literal);
  if (!DATE_TIME_OFFSET.test(literal) || Number.isNaN(at)) {
    throw invalidFilter(filter, `'${literal}' is not a DateTimeOffset such as 2024-05-01T10:00:00Z`);
  }
  const compare = COMPARE[op.toLowerCase()];
  return (c) => compare(Date.parse(c.lastDeliveredDateTime), at);
}

/** All clauses must hold: the documented call needs nothing richer than `and`. */
export function parseConversationFilter(filter: string | null): ConversationPredicate {
  if (filter === null) return () => true;
  const clauses: ConversationPredicate[] = [];
  let rest = filter.trim();
  if (rest === '') throw invalidFilter(filter, 'it is empty');
  for (;;) {
    const match = CLAUSE.exec(rest);
    if (!match) throw invalidFilter(filter, `cannot read '${rest}'`);
    const [whole, dateProperty, op, literal, , text] = match;
    if (dateProperty !== undefined) clauses.push(dateClause(filter, op, literal));
    else {
      const topic = text.replace(/''/g, "'");
      clauses.push((c) => c.topic === topic);
    }
    rest = rest.slice(whole.length);
    if (rest === '') break;
    const and = /^and(?:\s+|$)/i.exec(rest);
    if (!and) throw invalidFilter(filter, `expected 'and' before '${rest}'`);
    rest = rest.slice(and[0].length);
    if (rest === '') throw invalidFilter(filter, "nothing follows 'and'");
  }
  return (c) => clauses.every((clause) => clause(c));
}
