import { createHmac, generateKeyPairSync, type KeyObject, randomUUID, sign } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * Stands in for the Bot Framework's OpenID metadata and signing keys
 * (https://login.botframework.com/v1/.well-known/openidconfiguration and its jwks_uri), so botbuilder's own
 * JWT validation runs unchanged against keys a test controls. It also mints the tokens the Bot Connector
 * service would put in `Authorization: Bearer …`
 * (https://learn.microsoft.com/azure/bot-service/rest-api/bot-framework-rest-connector-authentication).
 */
export interface OpenIdServer {
  /** For ToBotFromChannelOpenIdMetadataUrl. */
  readonly channelMetadataUrl: string;
  /** For ToBotFromEmulatorOpenIdMetadataUrl: served too, so no test ever reaches the internet. */
  readonly emulatorMetadataUrl: string;
  /** Metadata and key requests served so far: refused requests must not cause any. */
  readonly requests: string[];
  /** A channel token as the Bot Connector signs it, for an activity to `serviceUrl`. */
  channelToken(serviceUrl: string, overrides?: TokenOverrides): string;
  close(): Promise<void>;
}

export interface TokenOverrides {
  claims?: Record<string, unknown>;
  header?: Record<string, unknown>;
  /** Sign with a key the metadata does not list (same kid unless the header overrides it). */
  signWithUnknownKey?: boolean;
  /** `alg: HS256` signed with the public key as the HMAC secret (the classic key-confusion forgery). */
  hmacWithPublicKey?: boolean;
}

export const CHANNEL_ISSUER = 'https://api.botframework.com';
const KEY_ID = 'test-channel-key';

export async function startOpenIdServer(appId: string): Promise<OpenIdServer> {
  const signing = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const stranger = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = signing.publicKey.export({ format: 'jwk' });
  const requests: string[] = [];
  let origin = '';

  const server: Server = createServer((req, res) => {
    requests.push(req.url ?? '');
    const send = (body: unknown) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (req.url === '/keys')
      // Teams' keys carry endorsements: botbuilder checks the activity's channelId against them.
      return send({
        keys: [{ kty: 'RSA', use: 'sig', kid: KEY_ID, n: jwk.n, e: jwk.e, endorsements: ['msteams'] }],
      });
    if (req.url?.endsWith('openidconfiguration') || req.url?.endsWith('openid-configuration'))
      return send({
        issuer: CHANNEL_ISSUER,
        jwks_uri: `${origin}/keys`,
        id_token_signing_alg_values_supported: ['RS256'],
        token_endpoint_auth_methods_supported: ['private_key_jwt'],
      });
    // Two calls, not a chain: restify, loaded in the same worker, patches writeHead to return nothing.
    res.writeHead(404);
    res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    channelMetadataUrl: `${origin}/v1/.well-known/openidconfiguration`,
    emulatorMetadataUrl: `${origin}/emulator/v2.0/.well-known/openid-configuration`,
    requests,
    channelToken: (serviceUrl, overrides = {}) => {
      const now = Math.floor(Date.now() / 1000);
      const header = {
        alg: overrides.hmacWithPublicKey ? 'HS256' : 'RS256',
        typ: 'JWT',
        kid: KEY_ID,
        ...overrides.header,
      };
      const claims = {
        iss: CHANNEL_ISSUER,
        aud: appId,
        serviceurl: serviceUrl,
        nbf: now - 60,
        exp: now + 3600,
        jti: randomUUID(),
        ...overrides.claims,
      };
      const unsigned = `${base64url(header)}.${base64url(claims)}`;
      if (overrides.hmacWithPublicKey) {
        const secret = signing.publicKey.export({ type: 'spki', format: 'pem' });
        return `${unsigned}.${createHmac('sha256', secret).update(unsigned).digest('base64url')}`;
      }
      const key: KeyObject = overrides.signWithUnknownKey ? stranger.privateKey : signing.privateKey;
      return `${unsigned}.${sign('sha256', Buffer.from(unsigned), key).toString('base64url')}`;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

function base64url(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}
