import {
  DEMO_TENANT,
  type GraphSandbox,
  mintSandboxToken,
  startGraphSandbox,
} from '../../sandbox/graph-sandbox';
import { decodeSandboxToken } from '../../sandbox/tokens';
import { call, expectGraphError, GUID } from './helpers';

let sandbox: GraphSandbox;
beforeAll(async () => {
  sandbox = await startGraphSandbox();
});
afterEach(() => sandbox.reset());
afterAll(() => sandbox.close());

describe('Graph sandbox authentication', () => {
  it('answers a request without Authorization with 401 InvalidAuthenticationToken "Access token is empty."', async () => {
    const result = await call(sandbox, 'GET', '/me', { token: null });
    expect(expectGraphError(result, 401, 'InvalidAuthenticationToken')).toBe('Access token is empty.');
  });

  it('answers a malformed token with 401 InvalidAuthenticationToken', async () => {
    for (const token of ['not-a-jwt', 'a.b.c', `${Buffer.from('{}').toString('base64url')}.e30.`]) {
      const result = await call(sandbox, 'GET', '/me', { token });
      expectGraphError(result, 401, 'InvalidAuthenticationToken');
    }
  });

  it('answers an expired token with 401 "Lifetime validation failed, the token is expired."', async () => {
    const result = await call(sandbox, 'GET', '/me', { claims: { lifetimeSeconds: -1 } });
    expect(expectGraphError(result, 401, 'InvalidAuthenticationToken')).toBe(
      'Lifetime validation failed, the token is expired.',
    );
  });

  it('answers a token from another tenant with 401', async () => {
    const result = await call(sandbox, 'GET', '/me', {
      claims: { tid: '11111111-2222-4333-8444-555555555555' },
    });
    expectGraphError(result, 401, 'InvalidAuthenticationToken');
  });

  it('treats the oid of the token as the caller', async () => {
    const result = await call(sandbox, 'GET', '/me', { claims: { oid: DEMO_TENANT.users.megan.id } });
    expect(result.status).toBe(200);
    expect(result.json).toMatchObject({ id: DEMO_TENANT.users.megan.id, displayName: 'Megan Bowen' });
  });

  it('authenticates an unknown oid from its claims, as a member of nothing', async () => {
    const oid = '99999999-aaaa-4bbb-8ccc-dddddddddddd';
    const me = await call(sandbox, 'GET', '/me', {
      claims: { oid, name: 'Guest Person', upn: 'guest@example.com' },
    });
    expect(me.json).toMatchObject({
      id: oid,
      displayName: 'Guest Person',
      userPrincipalName: 'guest@example.com',
    });
    const groups = await call(sandbox, 'GET', '/me/memberOf', { claims: { oid } });
    expect(groups.json.value).toEqual([]);
  });

  it('sends request-id, client-request-id (echoed) and Date on every answer', async () => {
    const result = await call(sandbox, 'GET', '/me', { headers: { 'client-request-id': 'abc-123' } });
    expect(result.headers.get('request-id')).toMatch(GUID);
    expect(result.headers.get('client-request-id')).toBe('abc-123');
    expect(result.headers.get('date')).toBeTruthy();
    const fresh = await call(sandbox, 'GET', '/me');
    expect(fresh.headers.get('client-request-id')).toMatch(GUID);
  });

  it('records requests without the bearer token', async () => {
    const token = mintSandboxToken();
    await call(sandbox, 'GET', '/me', { token });
    expect(sandbox.requests).toHaveLength(1);
    expect(sandbox.requests[0]).toMatchObject({
      method: 'GET',
      path: '/v1.0/me',
      viaBatch: false,
      status: 200,
    });
    expect(sandbox.requests[0].headers.authorization).toBe('Bearer [redacted]');
    expect(JSON.stringify(sandbox.requests)).not.toContain(token.split('.')[1]);
  });

  it('accepts /beta as well as /v1.0, and answers an unknown version with 400', async () => {
    expect((await call(sandbox, 'GET', `${sandbox.origin}/beta/me`)).status).toBe(200);
    expectGraphError(await call(sandbox, 'GET', `${sandbox.origin}/v2/me`), 400, 'BadRequest');
  });

  it('answers an unknown segment with 400 BadRequest naming it', async () => {
    const result = await call(sandbox, 'GET', '/groups/x/calendarz');
    expect(expectGraphError(result, 400, 'BadRequest')).toBe(
      "Resource not found for the segment 'calendarz'.",
    );
  });

  it('answers /me with an app-only token with 400, as Graph does', async () => {
    const result = await call(sandbox, 'GET', '/me', { claims: { roles: ['User.Read.All'] } });
    expectGraphError(result, 400, 'BadRequest');
  });
});

describe('mintSandboxToken', () => {
  it('produces an unsigned JWT for the demo user with the default delegated scopes', () => {
    const token = mintSandboxToken();
    const [header, , signature] = token.split('.');
    expect(JSON.parse(Buffer.from(header, 'base64url').toString())).toEqual({ alg: 'none', typ: 'JWT' });
    expect(signature).toBe('');
    expect(decodeSandboxToken(token)).toMatchObject({
      aud: 'https://graph.microsoft.com',
      tid: DEMO_TENANT.tenantId,
      oid: DEMO_TENANT.currentUserId,
      upn: 'alexw@contoso.onmicrosoft.com',
      name: 'Alex Wilber',
      scp: 'Group.ReadWrite.All GroupMember.Read.All User.ReadBasic.All',
    });
  });

  it('produces an app-only token (roles, no scp) when given roles', () => {
    const claims = decodeSandboxToken(mintSandboxToken({ roles: ['Group.ReadWrite.All'] }));
    expect(claims?.scp).toBeUndefined();
    expect(claims?.roles).toEqual(['Group.ReadWrite.All']);
  });
});
