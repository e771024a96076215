/** The small part of OData query handling the sandbox needs, with Graph's error answers. */
import { GraphError } from './errors';

/**
 * `$select` as Graph applies it: only the named properties plus `id`. Property names match
 * case-insensitively; an unknown one is a 400, which catches typos a lenient fake would hide. `errorCode`
 * differs by backend: Entra says `Request_BadRequest`, Exchange-backed resources `BadRequest`.
 */
export function applySelect(
  entity: Readonly<Record<string, unknown>>,
  select: string | null,
  typeName: string,
  errorCode = 'Request_BadRequest',
): Record<string, unknown> {
  if (select === null || select.trim() === '') return { ...entity };
  const byLowerName = new Map(Object.keys(entity).map((k) => [k.toLowerCase(), k]));
  const picked: Record<string, unknown> = { id: entity.id };
  for (const raw of select.split(',')) {
    const name = raw.trim();
    const key = byLowerName.get(name.toLowerCase());
    if (key === undefined) {
      throw new GraphError(
        400,
        errorCode,
        `Could not find a property named '${name}' on type 'microsoft.graph.${typeName}'.`,
      );
    }
    picked[key] = entity[key];
  }
  return picked;
}

/** The `(a,b)` part of an @odata.context, as Graph writes it when $select is used. */
export function selectSuffix(select: string | null): string {
  return select ? `(${select})` : '';
}

export function parseTop(raw: string | null, fallback: number): number {
  if (raw === null) return fallback;
  const top = Number(raw);
  if (!Number.isInteger(top) || top < 1 || top > 999) {
    throw new GraphError(
      400,
      'Request_BadRequest',
      `Invalid page size specified: '${raw}'. Must be between 1 and 999 inclusive.`,
    );
  }
  return top;
}

/** Skip tokens are opaque to callers; here they just carry the offset. */
export function encodeSkipToken(offset: number): string {
  return Buffer.from(JSON.stringify({ offset }), 'utf8').toString('base64url');
}

export function decodeSkipToken(raw: string | null, errorCode = 'Request_BadRequest'): number {
  if (raw === null) return 0;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
    if (typeof parsed === 'object' && parsed !== null && 'offset' in parsed) {
      const { offset } = parsed;
      if (typeof offset === 'number' && Number.isInteger(offset) && offset >= 0) return offset;
    }
  } catch {
    // Fall through to Graph's answer for a bad token.
  }
  throw new GraphError(400, errorCode, 'Invalid paging token.');
}

export function isCountTrue(query: URLSearchParams): boolean {
  return query.get('$count')?.toLowerCase() === 'true';
}

/** Keeps `$` in option names readable, as Graph's own nextLinks do (URLSearchParams would write %24). */
export function formatQuery(query: URLSearchParams): string {
  return [...query].map(([key, value]) => `${key}=${encodeURIComponent(value)}`).join('&');
}
