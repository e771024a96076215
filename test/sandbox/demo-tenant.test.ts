import { DEMO_TENANT, startGraphSandbox } from '../../sandbox/graph-sandbox';
import { makePreview } from '../../sandbox/preview';
import { call } from './helpers';

describe('DEMO_TENANT', () => {
  it('has Alex as the signed-in demo user and Pradeep without mail', () => {
    expect(DEMO_TENANT.currentUserId).toBe(DEMO_TENANT.users.alex.id);
    expect(DEMO_TENANT.users.pradeep.mail).toBeNull();
    expect(Object.isFrozen(DEMO_TENANT.groups.marketing.memberIds)).toBe(true);
  });

  it('has lowercase, unique GUIDs', () => {
    const ids = [
      DEMO_TENANT.tenantId,
      ...Object.values(DEMO_TENANT.users).map((u) => u.id),
      ...Object.values(DEMO_TENANT.groups).map((g) => g.id),
    ];
    for (const id of ids)
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('can be replaced by another tenant', async () => {
    const tenant = {
      ...DEMO_TENANT,
      groups: { only: { ...DEMO_TENANT.groups.finance, memberIds: [DEMO_TENANT.users.alex.id] } },
    };
    const sandbox = await startGraphSandbox({ tenant });
    try {
      const result = await call<{ value: { id: string }[] }>(sandbox, 'GET', '/me/memberOf');
      expect(result.json.value.map((g) => g.id)).toEqual([DEMO_TENANT.groups.finance.id]);
    } finally {
      await sandbox.close();
    }
  });
});

describe('conversation preview', () => {
  it('strips tags, decodes entities after stripping and collapses whitespace', () => {
    expect(
      makePreview('<p>a&lt;b&gt;</p>\n<div>c&#39;d&#x21;</div><style>x{}</style><b>e</b>f', 'html'),
    ).toBe("a<b> c'd! ef");
    expect(makePreview('  <b>  literal\n\n text ', 'text')).toBe('<b> literal text');
  });
});
