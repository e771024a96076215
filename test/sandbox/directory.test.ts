import { DEMO_TENANT, type GraphSandbox, startGraphSandbox } from '../../sandbox/graph-sandbox';
import { call, expectGraphError } from './helpers';

const { users, groups } = DEMO_TENANT;
const UNIFIED = "$filter=groupTypes/any(c:c eq 'Unified')";
const EVENTUAL = { ConsistencyLevel: 'eventual' };

interface GroupPage {
  '@odata.count'?: number;
  '@odata.nextLink'?: string;
  value: { id: string; displayName?: string; '@odata.type'?: string }[];
}

let sandbox: GraphSandbox;
beforeAll(async () => {
  sandbox = await startGraphSandbox();
});
afterEach(() => sandbox.reset());
afterAll(() => sandbox.close());

describe('GET /users/{id | userPrincipalName}', () => {
  it('returns only the $select-ed properties plus id', async () => {
    const result = await call(sandbox, 'GET', `/users/${users.megan.id}?$select=displayName,mail`);
    expect(result.status).toBe(200);
    expect(result.json).toEqual({
      '@odata.context': `${sandbox.baseUrl}/$metadata#users(displayName,mail)/$entity`,
      id: users.megan.id,
      displayName: 'Megan Bowen',
      mail: 'meganb@contoso.onmicrosoft.com',
    });
  });

  it('finds a user by userPrincipalName, and shows a null mail for Pradeep (UPN fallback case)', async () => {
    const result = await call(
      sandbox,
      'GET',
      '/users/PradeepG@contoso.onmicrosoft.com?$select=mail,userPrincipalName',
    );
    expect(result.json).toMatchObject({
      id: users.pradeep.id,
      mail: null,
      userPrincipalName: 'pradeepg@contoso.onmicrosoft.com',
    });
  });

  it('answers an unknown user with 404 Request_ResourceNotFound', async () => {
    expectGraphError(
      await call(sandbox, 'GET', '/users/nobody@contoso.com'),
      404,
      'Request_ResourceNotFound',
    );
  });

  it('answers an unknown $select property with 400', async () => {
    expectGraphError(
      await call(sandbox, 'GET', `/users/${users.lee.id}?$select=email`),
      400,
      'Request_BadRequest',
    );
  });
});

describe('GET /groups/{id}', () => {
  it('returns the group with $select honoured', async () => {
    const result = await call(
      sandbox,
      'GET',
      `/groups/${groups.security.id}?$select=displayName,groupTypes,mail`,
    );
    expect(result.json).toMatchObject({
      id: groups.security.id,
      displayName: 'All Staff Security',
      groupTypes: [],
    });
    expect(Object.keys(result.json).sort()).toEqual([
      '@odata.context',
      'displayName',
      'groupTypes',
      'id',
      'mail',
    ]);
  });

  it('answers an unknown group with 404 Request_ResourceNotFound', async () => {
    const result = await call(sandbox, 'GET', '/groups/00000000-0000-4000-8000-000000000000');
    expectGraphError(result, 404, 'Request_ResourceNotFound');
  });
});

describe('GET /me/memberOf/microsoft.graph.group', () => {
  it('requires ConsistencyLevel: eventual and $count=true for the Unified filter (400 Request_UnsupportedQuery)', async () => {
    const base = `/me/memberOf/microsoft.graph.group?${UNIFIED}`;
    expectGraphError(await call(sandbox, 'GET', base), 400, 'Request_UnsupportedQuery');
    expectGraphError(
      await call(sandbox, 'GET', base, { headers: EVENTUAL }),
      400,
      'Request_UnsupportedQuery',
    );
    expectGraphError(await call(sandbox, 'GET', `${base}&$count=true`), 400, 'Request_UnsupportedQuery');
    const ok = await call(sandbox, 'GET', `${base}&$count=true`, { headers: EVENTUAL });
    expect(ok.status).toBe(200);
  });

  it('returns only the Unified groups of the caller, with @odata.count', async () => {
    const result = await call<GroupPage>(
      sandbox,
      'GET',
      `/me/memberOf/microsoft.graph.group?${UNIFIED}&$count=true&$select=id,displayName`,
      { headers: EVENTUAL },
    );
    expect(result.json['@odata.count']).toBe(2);
    expect(result.json.value).toEqual([
      { id: groups.marketing.id, displayName: 'Contoso Marketing' },
      { id: groups.falcon.id, displayName: 'Project Falcon' },
    ]);
    expect(result.json['@odata.nextLink']).toBeUndefined();
  });

  it('refuses any other filter with 400 Request_UnsupportedQuery', async () => {
    const result = await call(
      sandbox,
      'GET',
      '/me/memberOf/microsoft.graph.group?$filter=mailEnabled eq true&$count=true',
      {
        headers: EVENTUAL,
      },
    );
    expectGraphError(result, 400, 'Request_UnsupportedQuery');
  });

  it('pages with $top and an absolute @odata.nextLink carrying a $skiptoken', async () => {
    const first = await call<GroupPage>(
      sandbox,
      'GET',
      `/me/memberOf/microsoft.graph.group?${UNIFIED}&$count=true&$top=1&$select=displayName`,
      { headers: EVENTUAL },
    );
    expect(first.json.value.map((g) => g.id)).toEqual([groups.marketing.id]);
    expect(first.json['@odata.count']).toBe(2);
    const next = first.json['@odata.nextLink'] ?? '';
    expect(next.startsWith(`${sandbox.baseUrl}/me/memberOf/microsoft.graph.group?`)).toBe(true);
    expect(next).toContain('$skiptoken=');
    const second = await call<GroupPage>(sandbox, 'GET', next, { headers: EVENTUAL });
    expect(second.json.value.map((g) => g.id)).toEqual([groups.falcon.id]);
    expect(second.json['@odata.nextLink']).toBeUndefined();
  });

  it('ignores $count=true without ConsistencyLevel: 200 and no @odata.count, as Graph does', async () => {
    const result = await call<GroupPage>(sandbox, 'GET', '/me/memberOf/microsoft.graph.group?$count=true');
    expect(result.status).toBe(200);
    expect(result.json).not.toHaveProperty('@odata.count');
    expect(result.json.value).toHaveLength(3);
    const counted = await call<GroupPage>(sandbox, 'GET', '/me/memberOf?$count=true', { headers: EVENTUAL });
    expect(counted.json['@odata.count']).toBe(3);
  });

  it('without a filter returns all groups of the caller, security group included', async () => {
    const result = await call<GroupPage>(sandbox, 'GET', '/me/memberOf/microsoft.graph.group');
    expect(result.json.value.map((g) => g.id)).toEqual([
      groups.marketing.id,
      groups.falcon.id,
      groups.security.id,
    ]);
  });

  it('GET /me/memberOf types each directory object', async () => {
    const result = await call<GroupPage>(sandbox, 'GET', '/me/memberOf?$select=id');
    expect(result.json.value).toContainEqual({
      '@odata.type': '#microsoft.graph.group',
      id: groups.security.id,
    });
  });
});
