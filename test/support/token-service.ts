/**
 * Local stand-in for the Bot Framework token service (the host behind the `OAuthUrl` setting).
 *
 * The REST surface mirrors what botframework-connector 4.23.3 sends, taken from
 * `lib/tokenApi/operations/userToken.js` and `lib/tokenApi/operations/botSignIn.js`;
 * see docs/token-service.md for the mapping and for the anonymous-mode pitfalls.
 */
import { createHash, randomInt, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface TokenServiceOptions {
  host?: string;
  port?: number;
  /** App id used for `api://botid-<appId>` when the sign-in state carries no `msAppId`. */
  defaultAppId?: string;
}

export interface TokenServiceRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  /** Parsed JSON body; any `token` field is replaced by `tokenFingerprint(token)`. */
  body: unknown;
  status: number;
}

export interface TokenService {
  readonly url: string;
  readonly requests: readonly TokenServiceRequest[];
  grantToken(userId: string, connectionName: string, token: string, expiresInSeconds?: number): void;
  /** After the next GetToken answers the current token, the service holds `token` (its own refresh). */
  refreshAfterNextGet(userId: string, connectionName: string, token: string): void;
  revoke(userId: string, connectionName: string): void;
  issueMagicCode(userId: string, connectionName: string, token: string): string;
  allowExchange(ssoToken: string, result: { token: string }): void;
  failExchange(ssoToken: string, status?: number): void;
  readonly signInStates: readonly unknown[];
  signInLink(stateIndex?: number): string;
  count(pathFragment: string): number;
  reset(): void;
  close(): Promise<void>;
}

export const DEFAULT_APP_ID = '00000000-0000-0000-0000-000000000000';
/** Any stable value works: the client only echoes it back; this is the AAD v2 provider id the service reports. */
export const PROVIDER_ID = '30dd229c-58e3-4a48-bdfd-91ec48eb906c';
const DEFAULT_EXPIRY_SECONDS = 3600;

/**
 * Recorded bodies may end up in Jest failure output, so tokens are kept only as a short
 * fingerprint; tests compare against `tokenFingerprint(expected)` instead of the raw value.
 */
export function tokenFingerprint(token: string): string {
  return `sha256:${createHash('sha256').update(token).digest('hex').slice(0, 12)}`;
}

interface CachedToken {
  token: string;
  expiresAt: number;
}

interface Reply {
  status: number;
  body?: unknown;
  text?: string;
}

const key = (userId: string, connectionName: string): string => `${userId}\u0000${connectionName}`;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function redact(body: unknown): unknown {
  if (!isRecord(body) || typeof body.token !== 'string') return body;
  return { ...body, token: tokenFingerprint(body.token) };
}

/** Same envelope as `Mappers.ErrorResponse` (`{ error: { code, message } }`) so the client deserializes it. */
function errorBody(code: string, message: string): { error: { code: string; message: string } } {
  return { error: { code, message } };
}

function decodeState(state: string): unknown {
  try {
    return JSON.parse(Buffer.from(state, 'base64').toString('utf8'));
  } catch {
    return undefined;
  }
}

async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
  const raw = Buffer.concat(chunks).toString('utf8');
  if (raw.length === 0) return undefined;
  try {
    return JSON.parse(raw);
  } catch {
    return raw;
  }
}

export async function startTokenService(options: TokenServiceOptions = {}): Promise<TokenService> {
  const host = options.host ?? '127.0.0.1';
  const defaultAppId = options.defaultAppId ?? DEFAULT_APP_ID;

  const requests: TokenServiceRequest[] = [];
  const signInStates: unknown[] = [];
  const signInLinks: string[] = [];
  const tokens = new Map<string, CachedToken>();
  const magicCodes = new Map<string, { code: string; token: string }>();
  const exchangeOutcomes = new Map<string, { token: string } | { status: number }>();
  let baseUrl = '';

  const refreshes = new Map<string, string>();
  const cache = (userId: string, connectionName: string, token: string, seconds: number): void => {
    tokens.set(key(userId, connectionName), { token, expiresAt: Date.now() + seconds * 1000 });
  };

  const tokenResponse = (channelId: string, connectionName: string, cached: CachedToken) => ({
    channelId,
    connectionName,
    token: cached.token,
    expiration: new Date(cached.expiresAt).toISOString(),
  });

  const liveToken = (userId: string, connectionName: string): CachedToken | undefined => {
    const cached = tokens.get(key(userId, connectionName));
    if (cached && cached.expiresAt <= Date.now()) {
      tokens.delete(key(userId, connectionName));
      return undefined;
    }
    return cached;
  };

  const connectionsOf = (userId: string): string[] => {
    const prefix = `${userId}\u0000`;
    return [...tokens.keys()].filter((k) => k.startsWith(prefix)).map((k) => k.slice(prefix.length));
  };

  function getToken(q: Record<string, string>): Reply {
    const { userId = '', connectionName = '', channelId = '', code } = q;
    if (!userId || !connectionName)
      return { status: 400, body: errorBody('BadArgument', 'userId and connectionName are required') };
    if (code !== undefined && code !== '') {
      const pending = magicCodes.get(key(userId, connectionName));
      // The real service answers 404 for a code it did not issue, which the client parses as an empty TokenResponse.
      if (!pending || pending.code !== code)
        return { status: 404, body: errorBody('NotFound', 'Invalid magic code') };
      magicCodes.delete(key(userId, connectionName));
      cache(userId, connectionName, pending.token, DEFAULT_EXPIRY_SECONDS);
    }
    const cached = liveToken(userId, connectionName);
    // 404 is a declared response of GetToken (bodyMapper TokenResponse), so the client returns this body instead of throwing.
    if (!cached) return { status: 404, body: errorBody('NotFound', 'Token not found') };
    const reply = { status: 200, body: tokenResponse(channelId, connectionName, cached) };
    const refreshed = refreshes.get(key(userId, connectionName));
    if (refreshed !== undefined) {
      refreshes.delete(key(userId, connectionName));
      cache(userId, connectionName, refreshed, DEFAULT_EXPIRY_SECONDS);
    }
    return reply;
  }

  function signInResource(q: Record<string, string>, plainLink: boolean): Reply {
    const state = q.state;
    if (!state) return { status: 400, body: errorBody('BadArgument', 'state is required') };
    const decoded = decodeState(state);
    signInStates.push(decoded);
    const link = `${baseUrl}/signin?state=${encodeURIComponent(randomUUID())}`;
    signInLinks.push(link);
    if (plainLink) return { status: 200, text: link };
    const msAppId =
      isRecord(decoded) && typeof decoded.msAppId === 'string' && decoded.msAppId
        ? decoded.msAppId
        : defaultAppId;
    return {
      status: 200,
      body: {
        signInLink: link,
        tokenExchangeResource: { id: randomUUID(), uri: `api://botid-${msAppId}`, providerId: PROVIDER_ID },
        tokenPostResource: { sasUrl: `${baseUrl}/api/usertoken/post?sas=${randomUUID()}` },
      },
    };
  }

  function exchange(q: Record<string, string>, body: unknown): Reply {
    const { userId = '', connectionName = '', channelId = '' } = q;
    if (!userId || !connectionName || !channelId) {
      return {
        status: 400,
        body: errorBody('BadArgument', 'userId, connectionName and channelId are required'),
      };
    }
    const ssoToken = isRecord(body) && typeof body.token === 'string' ? body.token : '';
    const outcome = ssoToken ? exchangeOutcomes.get(ssoToken) : undefined;
    if (!outcome) return { status: 400, body: errorBody('ServiceError', 'Token exchange failed') };
    if ('status' in outcome)
      return { status: outcome.status, body: errorBody('ServiceError', 'Token exchange failed') };
    cache(userId, connectionName, outcome.token, DEFAULT_EXPIRY_SECONDS);
    const cached = liveToken(userId, connectionName);
    return cached ? { status: 200, body: tokenResponse(channelId, connectionName, cached) } : { status: 500 };
  }

  function signOut(q: Record<string, string>): Reply {
    const { userId = '', connectionName } = q;
    if (!userId) return { status: 400, body: errorBody('BadArgument', 'userId is required') };
    // connectionName is optional on SignOut: without it every connection of the user is signed out.
    const names = connectionName ? [connectionName] : connectionsOf(userId);
    for (const name of names) {
      tokens.delete(key(userId, name));
      magicCodes.delete(key(userId, name));
    }
    return { status: 200, body: {} };
  }

  function tokenStatus(q: Record<string, string>): Reply {
    const { userId = '', channelId = '', include } = q;
    if (!userId) return { status: 400, body: errorBody('BadArgument', 'userId is required') };
    const filter = include ? include.split(',').map((s) => s.trim()) : undefined;
    const names = connectionsOf(userId).filter((name) => !filter || filter.includes(name));
    return {
      status: 200,
      body: names.map((connectionName) => ({
        channelId,
        connectionName,
        hasToken: liveToken(userId, connectionName) !== undefined,
        serviceProviderDisplayName: 'Azure Active Directory v2',
      })),
    };
  }

  function aadTokens(q: Record<string, string>, body: unknown): Reply {
    const { userId = '', connectionName = '', channelId = '' } = q;
    const cached = liveToken(userId, connectionName);
    const urls = isRecord(body) && Array.isArray(body.resourceUrls) ? body.resourceUrls.map(String) : [];
    const map: Record<string, unknown> = {};
    if (cached) for (const url of urls) map[url] = tokenResponse(channelId, connectionName, cached);
    return { status: 200, body: map };
  }

  async function route(
    req: IncomingMessage,
    path: string,
    q: Record<string, string>,
    body: unknown,
  ): Promise<Reply> {
    const method = req.method ?? 'GET';
    // The client builds paths from specs like 'api/usertoken/GetToken'; matching is case-insensitive like IIS routing.
    const p = path.toLowerCase();
    const only = (m: string, handler: () => Reply): Reply =>
      method === m
        ? handler()
        : { status: 405, body: errorBody('MethodNotAllowed', `${method} not allowed`) };
    switch (p) {
      case '/api/usertoken/gettoken':
        return only('GET', () => getToken(q));
      case '/api/usertoken/exchange':
        return only('POST', () => exchange(q, body));
      case '/api/usertoken/signout':
        return only('DELETE', () => signOut(q));
      case '/api/usertoken/gettokenstatus':
        return only('GET', () => tokenStatus(q));
      case '/api/usertoken/getaadtokens':
        return only('POST', () => aadTokens(q, body));
      case '/api/botsignin/getsigninresource':
        return only('GET', () => signInResource(q, false));
      case '/api/botsignin/getsigninurl':
        return only('GET', () => signInResource(q, true));
      case '/signin':
        return { status: 200, text: 'token service stand-in: sign-in page' };
      default:
        return { status: 404, body: errorBody('NotFound', `No route for ${method} ${path}`) };
    }
  }

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    void (async () => {
      const parsed = new URL(req.url ?? '/', 'http://stand-in');
      const query: Record<string, string> = {};
      for (const [k, v] of parsed.searchParams) query[k] = v;
      let reply: Reply;
      let body: unknown;
      try {
        body = await readBody(req);
        reply = await route(req, parsed.pathname, query, body);
      } catch {
        reply = { status: 500, body: errorBody('ServiceError', 'stand-in failure') };
      }
      requests.push({
        method: req.method ?? '',
        path: parsed.pathname,
        query,
        body: redact(body),
        status: reply.status,
      });
      if (reply.text !== undefined) {
        res.writeHead(reply.status, { 'content-type': 'text/plain; charset=utf-8' });
        res.end(reply.text);
      } else if (reply.body !== undefined) {
        res.writeHead(reply.status, { 'content-type': 'application/json; charset=utf-8' });
        res.end(JSON.stringify(reply.body));
      } else {
        res.writeHead(reply.status);
        res.end();
      }
    })();
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  // A wildcard bind is not a connectable address, so hand out loopback instead.
  const hostname = address.address === '0.0.0.0' || address.address === '::' ? '127.0.0.1' : address.address;
  baseUrl = `http://${address.family === 'IPv6' && hostname !== '127.0.0.1' ? `[${hostname}]` : hostname}:${address.port}`;

  return {
    get url() {
      return baseUrl;
    },
    requests,
    signInStates,
    refreshAfterNextGet(userId, connectionName, token) {
      refreshes.set(key(userId, connectionName), token);
    },
    grantToken(userId, connectionName, token, expiresInSeconds = DEFAULT_EXPIRY_SECONDS) {
      cache(userId, connectionName, token, expiresInSeconds);
    },
    revoke(userId, connectionName) {
      tokens.delete(key(userId, connectionName));
      magicCodes.delete(key(userId, connectionName));
    },
    issueMagicCode(userId, connectionName, token) {
      const code = String(randomInt(100000, 1000000));
      magicCodes.set(key(userId, connectionName), { code, token });
      return code;
    },
    allowExchange(ssoToken, result) {
      exchangeOutcomes.set(ssoToken, { token: result.token });
    },
    failExchange(ssoToken, status = 400) {
      exchangeOutcomes.set(ssoToken, { status });
    },
    signInLink(stateIndex = signInLinks.length - 1) {
      const link = signInLinks[stateIndex];
      if (link === undefined) throw new Error(`no GetSignInResource call #${stateIndex} recorded`);
      return link;
    },
    count(pathFragment) {
      const needle = pathFragment.toLowerCase();
      return requests.filter((r) => r.path.toLowerCase().includes(needle)).length;
    },
    reset() {
      requests.length = 0;
      refreshes.clear();
      signInStates.length = 0;
      signInLinks.length = 0;
      tokens.clear();
      magicCodes.clear();
      exchangeOutcomes.clear();
    },
    close() {
      return new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      });
    },
  };
}
