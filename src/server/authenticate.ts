import type { Activity } from 'botbuilder';
import { type AuthenticateRequestResult, AuthenticationError } from 'botframework-connector';
import type { GatedCloudAdapter } from './gated-adapter';
import { silenceJwtExtractorConsole } from './quiet-console';

/** Bot Framework authentication of one request as a typed answer: never an exception, never stderr noise. */

export type AuthOutcome =
  | { ok: true; authenticated: AuthenticateRequestResult }
  | { ok: false; status: 401 | 503; reason: string };

/** botbuilder's AuthenticationConstants.AllowedSigningAlgorithms: anything else fails its check anyway. */
const SIGNING_ALGORITHMS: ReadonlySet<string> = new Set(['RS256', 'RS384', 'RS512']);
/** Bot Framework tokens are about 1–2 KB; the limit only keeps base64 decoding of junk cheap. */
const MAX_HEADER_LENGTH = 16_384;
const BEARER_JWT = /^Bearer ([A-Za-z0-9_-]+)\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

/**
 * Production: the header must be a Bearer JWT with an RSA signature before botbuilder does any key work;
 * then botbuilder validates it as the Bot Connector documents (issuer, audience = app id, lifetime with 5
 * minutes' skew, a signing key from the OpenID metadata, the serviceUrl claim,
 * https://learn.microsoft.com/azure/bot-service/rest-api/bot-framework-rest-connector-authentication).
 * Local mode (no app id): botbuilder accepts the request anonymously.
 */
export async function authenticate(
  adapter: GatedCloudAdapter,
  activity: Activity,
  authHeader: string,
  required: boolean,
): Promise<AuthOutcome> {
  if (required) {
    const problem = headerProblem(authHeader);
    if (problem) return { ok: false, status: 401, reason: problem };
  }
  silenceJwtExtractorConsole();
  try {
    const authenticated = await adapter.authenticate(activity, authHeader);
    return { ok: true, authenticated };
  } catch (error) {
    return classify(error);
  }
}

function headerProblem(header: string): string | undefined {
  if (header.length === 0) return 'missing';
  if (header.length > MAX_HEADER_LENGTH) return 'malformed';
  const match = BEARER_JWT.exec(header);
  if (!match) return 'malformed';
  const algorithm = (decodeSegment(match[1]) as { alg?: unknown } | undefined)?.alg;
  if (typeof algorithm !== 'string' || !SIGNING_ALGORITHMS.has(algorithm)) return 'algorithm';
  return undefined;
}

function decodeSegment(segment: string): unknown {
  try {
    return JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
}

/**
 * Everything botbuilder throws while authenticating is the caller's fault (401), except not reaching the
 * OpenID metadata: botbuilder reports that as an AuthenticationError with status 500, and it is ours (503,
 * so the channel retries).
 */
function classify(error: unknown): AuthOutcome {
  const unavailable =
    (error instanceof AuthenticationError && error.statusCode >= 500) ||
    (error instanceof Error && error.name === 'FetchError');
  if (unavailable) return { ok: false, status: 503, reason: 'metadataUnavailable' };
  const reason = error instanceof Error ? `${error.name}: ${error.message}` : 'unknown';
  return { ok: false, status: 401, reason: reason.slice(0, 160) };
}
