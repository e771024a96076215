/**
 * The 401 Graph sends when Continuous Access Evaluation or Conditional Access rejects a token that is
 * otherwise valid: a Bearer challenge whose `claims` the client must pass back to Entra for a new token.
 */
import { GraphError } from './errors';
import { GRAPH_APP_ID } from './tokens';

// The documented CAE example asks for a token issued after a revocation time (`nbf`).
function claimsRequest(now: Date): string {
  const seconds = String(Math.floor(now.getTime() / 1000));
  return Buffer.from(JSON.stringify({ access_token: { nbf: { essential: true, value: seconds } } })).toString(
    'base64',
  );
}

export function claimsChallengeHeader(now: Date = new Date()): string {
  return [
    'Bearer realm=""',
    'authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize"',
    `client_id="${GRAPH_APP_ID}"`,
    'error="insufficient_claims"',
    `claims="${claimsRequest(now)}"`,
  ].join(', ');
}

export function claimsChallengeError(now: Date = new Date()): GraphError {
  return new GraphError(
    401,
    'InvalidAuthenticationToken',
    'Continuous access evaluation resulted in claims challenge with result: InteractionRequired and code: TokenIssuedBeforeRevocationTimestamp',
    { 'WWW-Authenticate': claimsChallengeHeader(now) },
  );
}
