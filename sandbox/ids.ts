import { randomBytes } from 'node:crypto';

/**
 * Exchange-style opaque ids ("AAQkA…="): long, url-safe base64 with padding, so callers that assume
 * GUIDs or short ids break here as they would against Graph.
 */
export function exchangeId(prefix: 'AAQkA' | 'AAMkA'): string {
  return `${prefix}${randomBytes(48).toString('base64url')}=`;
}
