/**
 * The sandbox token format, the contract with the bot's local token provider: an unsigned JWT
 * (`{"alg":"none","typ":"JWT"}`), payload claims as Entra ID would put in a Graph access token.
 * The signature is never checked: the sandbox only needs to know who calls and with which permissions.
 */
import { DEMO_TENANT } from './demo-tenant';

export const GRAPH_AUDIENCE = 'https://graph.microsoft.com';
/** Graph's application id: Entra ID sometimes issues tokens with it as the audience. */
export const GRAPH_APP_ID = '00000003-0000-0000-c000-000000000000';
const ACCEPTED_AUDIENCES = new Set([GRAPH_AUDIENCE, `${GRAPH_AUDIENCE}/`, GRAPH_APP_ID]);

export const DEFAULT_DELEGATED_SCOPES = 'Group.ReadWrite.All GroupMember.Read.All User.ReadBasic.All';

export interface SandboxTokenClaims {
  readonly aud: string;
  readonly tid: string;
  readonly oid: string;
  readonly upn?: string;
  readonly name?: string;
  /** Delegated scopes, space-separated. Absent from app-only tokens. */
  readonly scp?: string;
  /** Application permissions: present instead of `scp` in app-only tokens. */
  readonly roles?: readonly string[];
  readonly iat: number;
  readonly exp: number;
}

export type TokenRejection = 'missing' | 'malformed' | 'expired' | 'wrongAudience' | 'wrongTenant';

export type TokenVerification =
  | { readonly ok: true; readonly claims: SandboxTokenClaims }
  | { readonly ok: false; readonly reason: TokenRejection; readonly message: string };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function decodeSegment(segment: string): unknown {
  if (!/^[A-Za-z0-9_-]+$/.test(segment)) return undefined;
  try {
    return JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
}

const optionalString = (value: unknown): value is string | undefined =>
  value === undefined || typeof value === 'string';

/** Returns the claims, or undefined when the token is not a well-formed sandbox token. */
export function decodeSandboxToken(token: string): SandboxTokenClaims | undefined {
  const parts = token.split('.');
  if (parts.length !== 3) return undefined;
  const header = decodeSegment(parts[0]);
  const payload = decodeSegment(parts[1]);
  if (!isRecord(header) || !isRecord(payload)) return undefined;
  const { aud, tid, oid, upn, name, scp, roles, iat, exp } = payload;
  if (typeof aud !== 'string' || typeof tid !== 'string' || typeof oid !== 'string') return undefined;
  if (typeof iat !== 'number' || typeof exp !== 'number') return undefined;
  if (!optionalString(upn) || !optionalString(name) || !optionalString(scp)) return undefined;
  if (roles !== undefined && !(Array.isArray(roles) && roles.every((r) => typeof r === 'string'))) {
    return undefined;
  }
  return { aud, tid, oid, upn, name, scp, roles, iat, exp };
}

/**
 * Validates an `Authorization` header value the way Graph's front door does, with Graph's messages.
 * `nowSeconds` is injectable so expiry can be tested without waiting.
 */
export function verifyAuthorizationHeader(
  header: string | undefined,
  tenantId: string,
  nowSeconds: number = Math.floor(Date.now() / 1000),
): TokenVerification {
  const match = /^Bearer\s+(\S*)\s*$/i.exec(header ?? '');
  if (!header || !match || match[1] === '') {
    return { ok: false, reason: 'missing', message: 'Access token is empty.' };
  }
  const claims = decodeSandboxToken(match[1]);
  if (!claims) {
    return {
      ok: false,
      reason: 'malformed',
      message: 'CompactToken parsing failed with error code: 80049217',
    };
  }
  // No clock skew allowance: tests of token refresh need an expired token to fail at once.
  if (claims.exp <= nowSeconds) {
    return { ok: false, reason: 'expired', message: 'Lifetime validation failed, the token is expired.' };
  }
  if (!ACCEPTED_AUDIENCES.has(claims.aud)) {
    return {
      ok: false,
      reason: 'wrongAudience',
      message: 'Access token validation failure. Invalid audience.',
    };
  }
  if (claims.tid.toLowerCase() !== tenantId.toLowerCase()) {
    return { ok: false, reason: 'wrongTenant', message: 'Access token validation failure. Invalid tenant.' };
  }
  return { ok: true, claims };
}

/** True when the token carries application permissions instead of a signed-in user's delegated scopes. */
export function isAppOnly(claims: SandboxTokenClaims): boolean {
  return claims.scp === undefined;
}

export function permissionsOf(claims: SandboxTokenClaims): ReadonlySet<string> {
  const names = claims.scp !== undefined ? claims.scp.split(/\s+/) : (claims.roles ?? []);
  return new Set(names.filter((n) => n !== '').map((n) => n.toLowerCase()));
}

function base64UrlJson(value: unknown): string {
  return Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
}

export type MintClaims = Partial<Omit<SandboxTokenClaims, 'scp'>> & {
  /** Omit for the default delegated scopes; pass `null` (or give `roles`) for an app-only token. */
  readonly scp?: string | null;
  /** Lifetime in seconds from `iat`, used when `exp` is not given. Negative gives an expired token. */
  readonly lifetimeSeconds?: number;
};

/**
 * Builds a token the sandbox accepts. Defaults: the demo tenant's signed-in user (Alex), default delegated
 * scopes, valid for one hour. `upn` and `name` default to the demo user with that `oid`, when there is one.
 */
export function mintSandboxToken(claims: MintClaims = {}): string {
  const iat = claims.iat ?? Math.floor(Date.now() / 1000);
  const oid = claims.oid ?? DEMO_TENANT.currentUserId;
  const user = Object.values(DEMO_TENANT.users).find((u) => u.id === oid);
  const appOnly = claims.scp === null || (claims.roles !== undefined && claims.scp === undefined);
  const payload: SandboxTokenClaims = {
    aud: claims.aud ?? GRAPH_AUDIENCE,
    tid: claims.tid ?? DEMO_TENANT.tenantId,
    oid,
    upn: appOnly ? undefined : (claims.upn ?? user?.userPrincipalName),
    name: claims.name ?? user?.displayName,
    scp: appOnly ? undefined : (claims.scp ?? DEFAULT_DELEGATED_SCOPES),
    roles: appOnly ? (claims.roles ?? []) : claims.roles,
    iat,
    exp: claims.exp ?? iat + (claims.lifetimeSeconds ?? 3600),
  };
  return `${base64UrlJson({ alg: 'none', typ: 'JWT' })}.${base64UrlJson(payload)}.`;
}
