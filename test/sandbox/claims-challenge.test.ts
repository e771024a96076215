/** Conditional Access / CAE re-authentication: 401 with a claims challenge in WWW-Authenticate. */
import { DEMO_TENANT, type GraphSandbox, startGraphSandbox } from '../../sandbox/graph-sandbox';
import { call, conversationBody, expectGraphError } from './helpers';

const { marketing } = DEMO_TENANT.groups;

let sandbox: GraphSandbox;
beforeAll(async () => {
  sandbox = await startGraphSandbox();
});
afterEach(() => sandbox.reset());
afterAll(() => sandbox.close());

/** The Bearer challenge's parameters; every value is a quoted string in Graph's header. */
function parseChallenge(header: string | null): Record<string, string> {
  expect(header).toMatch(/^Bearer /);
  const params: Record<string, string> = {};
  for (const [, name, value] of (header ?? '').matchAll(/(\w+)="([^"]*)"/g)) params[name] = value;
  return params;
}

describe('claimsChallenge faults', () => {
  it('answers 401 InvalidAuthenticationToken with the claims challenge header Graph sends', async () => {
    const before = Math.floor(Date.now() / 1000);
    sandbox.failNext(1, { claimsChallenge: true });
    const result = await call(sandbox, 'GET', '/me');
    expect(expectGraphError(result, 401, 'InvalidAuthenticationToken')).toContain('claims challenge');
    const header = result.headers.get('www-authenticate');
    expect(header).toMatch(
      /^Bearer realm="", authorization_uri="https:\/\/login\.microsoftonline\.com\/common\/oauth2\/authorize", client_id="00000003-0000-0000-c000-000000000000", error="insufficient_claims", claims="[A-Za-z0-9+/]+=*"$/,
    );
    const { claims } = parseChallenge(header);
    const decoded = JSON.parse(Buffer.from(claims, 'base64').toString('utf8'));
    expect(decoded).toEqual({
      access_token: { nbf: { essential: true, value: expect.stringMatching(/^\d+$/) } },
    });
    expect(Number(decoded.access_token.nbf.value)).toBeGreaterThanOrEqual(before);
    expect((await call(sandbox, 'GET', '/me')).status).toBe(200);
  });

  it('rejects a create before doing it, and only requests matching the path', async () => {
    sandbox.failNext(1, { claimsChallenge: true, path: '/conversations' });
    expect((await call(sandbox, 'GET', '/me')).status).toBe(200);
    const result = await call(sandbox, 'POST', `/groups/${marketing.id}/conversations`, {
      body: conversationBody(),
    });
    expectGraphError(result, 401, 'InvalidAuthenticationToken');
    expect(result.headers.get('www-authenticate')).toContain('error="insufficient_claims"');
    expect(sandbox.conversations()).toEqual([]);
  });

  it('challenges a whole $batch, which Graph authenticates once', async () => {
    sandbox.failNext(1, { claimsChallenge: true, path: '/$batch' });
    const body = { requests: [{ id: '1', method: 'GET', url: '/me' }] };
    const result = await call(sandbox, 'POST', '/$batch', { body });
    expectGraphError(result, 401, 'InvalidAuthenticationToken');
    expect(result.headers.get('www-authenticate')).toContain('claims="');
  });

  it('is available through POST /_sandbox/faults, with status left out or 401', async () => {
    for (const body of [
      { count: 1, claimsChallenge: true },
      { count: 1, claimsChallenge: true, status: 401 },
    ]) {
      expect((await call(sandbox, 'POST', '/_sandbox/faults', { token: null, body })).status).toBe(200);
      expectGraphError(await call(sandbox, 'GET', '/me'), 401, 'InvalidAuthenticationToken');
    }
  });

  it.each([
    [{ count: 1, claimsChallenge: true, status: 403 }, 'always status 401'],
    [{ count: 1, claimsChallenge: true, after: true }, 'after'],
    [{ count: 1, claimsChallenge: true, batchItem: true }, 'batchItem'],
    [{ count: 1, claimsChallenge: true, retryAfterSeconds: 5 }, 'retryAfterSeconds'],
    [{ count: 1, claimsChallenge: true, reset: true }, 'claimsChallenge'],
  ])('POST /_sandbox/faults answers %j with 400', async (body, problem) => {
    const result = await call(sandbox, 'POST', '/_sandbox/faults', { token: null, body });
    expect(result.status).toBe(400);
    expect(result.json).toEqual({ error: { code: 'BadRequest', message: expect.stringContaining(problem) } });
  });

  it('rejects the same combinations from tests', () => {
    // @ts-expect-error a claims challenge is always 401
    expect(() => sandbox.failNext(1, { claimsChallenge: true, status: 403 })).toThrow(RangeError);
    // @ts-expect-error Graph challenges before doing any work
    expect(() => sandbox.failNext(1, { claimsChallenge: true, after: true })).toThrow(RangeError);
  });
});
