import { DEMO_TENANT, type GraphSandbox, startGraphSandbox } from '../../sandbox/graph-sandbox';
import { call, conversationBody, expectGraphError } from './helpers';

const { users, groups } = DEMO_TENANT;

interface BatchResponse {
  responses: {
    id: string;
    status: number;
    headers: Record<string, string>;
    body?: Record<string, unknown>;
  }[];
}

let sandbox: GraphSandbox;
beforeAll(async () => {
  sandbox = await startGraphSandbox();
});
afterEach(() => sandbox.reset());
afterAll(() => sandbox.close());

const userLookup = (id: string, index: number) => ({
  id: String(index + 1),
  method: 'GET',
  url: `/users/${id}?$select=displayName,mail,userPrincipalName`,
});

describe('POST /$batch', () => {
  it('resolves users in one call, with a per-item 404 for an unknown id', async () => {
    const ids = [users.megan.id, '00000000-0000-4000-8000-000000000000', users.pradeep.id];
    const result = await call<BatchResponse>(sandbox, 'POST', '/$batch', {
      body: { requests: ids.map(userLookup) },
    });
    expect(result.status).toBe(200);
    const [megan, missing, pradeep] = result.json.responses;
    expect(megan).toMatchObject({
      id: '1',
      status: 200,
      headers: { 'Content-Type': 'application/json' },
      body: { id: users.megan.id, displayName: 'Megan Bowen', mail: 'meganb@contoso.onmicrosoft.com' },
    });
    expect(missing).toMatchObject({
      id: '2',
      status: 404,
      body: { error: { code: 'Request_ResourceNotFound' } },
    });
    expect(pradeep.body).toMatchObject({ mail: null, userPrincipalName: 'pradeepg@contoso.onmicrosoft.com' });
  });

  it('records the batch and each sub-request, flagged viaBatch', async () => {
    await call(sandbox, 'POST', '/$batch', { body: { requests: [userLookup(users.lee.id, 0)] } });
    expect(sandbox.requests.map((r) => [r.path, r.viaBatch, r.status])).toEqual([
      ['/v1.0/$batch', false, 200],
      [`/v1.0/users/${users.lee.id}?$select=displayName,mail,userPrincipalName`, true, 200],
    ]);
  });

  it('answers more than 20 requests with 400 BadRequest', async () => {
    const requests = Array.from({ length: 21 }, (_, i) => userLookup(users.alex.id, i));
    expectGraphError(await call(sandbox, 'POST', '/$batch', { body: { requests } }), 400, 'BadRequest');
  });

  it('answers duplicate ids with 400 BadRequest', async () => {
    const requests = [userLookup(users.alex.id, 0), userLookup(users.lee.id, 0)];
    expectGraphError(await call(sandbox, 'POST', '/$batch', { body: { requests } }), 400, 'BadRequest');
  });

  it('authenticates the batch once: without a token the whole batch is 401', async () => {
    const result = await call(sandbox, 'POST', '/$batch', {
      token: null,
      body: { requests: [userLookup(users.alex.id, 0)] },
    });
    expectGraphError(result, 401, 'InvalidAuthenticationToken');
  });

  it('runs writes with the outer token and the same rules (sub-request 201 and 403)', async () => {
    const post = (id: string, groupId: string) => ({
      id,
      method: 'POST',
      url: `/groups/${groupId}/conversations`,
      headers: { 'Content-Type': 'application/json' },
      body: conversationBody(),
    });
    const result = await call<BatchResponse>(sandbox, 'POST', '/$batch', {
      body: { requests: [post('a', groups.marketing.id), post('b', groups.leadership.id)] },
    });
    expect(result.json.responses.map((r) => [r.id, r.status])).toEqual([
      ['a', 201],
      ['b', 403],
    ]);
    expect(sandbox.conversations()).toHaveLength(1);
  });
});
