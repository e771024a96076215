/** GET /groups/{id}/conversations: only the documented $select and $filter, no promised order, paging. */
import { DEMO_TENANT, type GraphSandbox, startGraphSandbox } from '../../sandbox/graph-sandbox';
import { call, conversationBody, expectGraphError } from './helpers';

const { marketing } = DEMO_TENANT.groups;
const LIST = `/groups/${marketing.id}/conversations`;

interface ConversationPage {
  '@odata.context': string;
  '@odata.nextLink'?: string;
  value: Record<string, unknown>[];
}

let sandbox: GraphSandbox;
beforeAll(async () => {
  sandbox = await startGraphSandbox();
});
// Only Date is faked: each conversation gets the delivery time a test chooses, while sockets and timers
// keep running for real.
beforeEach(() => {
  jest.useFakeTimers({
    doNotFake: [
      'hrtime',
      'nextTick',
      'performance',
      'queueMicrotask',
      'requestAnimationFrame',
      'cancelAnimationFrame',
      'requestIdleCallback',
      'cancelIdleCallback',
      'setImmediate',
      'clearImmediate',
      'setInterval',
      'clearInterval',
      'setTimeout',
      'clearTimeout',
    ],
  });
});
afterEach(() => {
  jest.useRealTimers();
  sandbox.reset();
});
afterAll(() => sandbox.close());

async function createAt(at: string, topic: string): Promise<string> {
  jest.setSystemTime(new Date(at));
  const result = await call<{ id: string }>(sandbox, 'POST', LIST, { body: conversationBody({ topic }) });
  expect(result.status).toBe(201);
  return result.json.id;
}

const list = (query = '') => call<ConversationPage>(sandbox, 'GET', `${LIST}${query}`);
const topics = (page: { json: ConversationPage }) => page.json.value.map((c) => c.topic);

describe('GET /groups/{id}/conversations', () => {
  it('lists each conversation with the documented properties, oldest delivery first', async () => {
    const first = await createAt('2024-05-01T09:00:00Z', 'First');
    await createAt('2024-05-02T09:00:00Z', 'Second');
    await createAt('2024-05-03T09:00:00Z', 'Third');
    const result = await list();
    expect(result.status).toBe(200);
    expect(result.json['@odata.context']).toBe(
      `${sandbox.baseUrl}/$metadata#groups('${marketing.id}')/conversations`,
    );
    expect(topics(result)).toEqual(['First', 'Second', 'Third']);
    expect(result.json.value[0]).toEqual({
      id: first,
      topic: 'First',
      hasAttachments: false,
      lastDeliveredDateTime: '2024-05-01T09:00:00Z',
      uniqueSenders: ['Alex Wilber'],
      preview: 'Hello team, the plan & dates.',
    });
    expect(result.json['@odata.nextLink']).toBeUndefined();
  });

  it('orders by last delivery, so a reply moves a conversation to the end', async () => {
    await createAt('2024-05-01T09:00:00Z', 'First');
    await createAt('2024-05-02T09:00:00Z', 'Second');
    const [stored] = sandbox.conversations(marketing.id);
    jest.setSystemTime(new Date('2024-05-03T09:00:00Z'));
    const reply = await call(
      sandbox,
      'POST',
      `/groups/${marketing.id}/threads/${stored.threads[0].id}/reply`,
      {
        body: { post: { body: { contentType: 'text', content: 'Bump' } } },
      },
    );
    expect(reply.status).toBe(202);
    const result = await list();
    expect(topics(result)).toEqual(['Second', 'First']);
    expect(result.json.value[1]).toMatchObject({
      lastDeliveredDateTime: '2024-05-03T09:00:00Z',
      preview: 'Bump',
    });
  });

  describe('$filter', () => {
    beforeEach(async () => {
      await createAt('2024-05-01T09:00:00Z', 'First');
      await createAt('2024-05-02T09:00:00Z', 'Second');
      await createAt('2024-05-03T09:00:00Z', 'Third');
    });

    it.each([
      ['ge', ['Second', 'Third']],
      ['gt', ['Third']],
      ['le', ['First', 'Second']],
      ['lt', ['First']],
    ])('compares lastDeliveredDateTime %s an unquoted DateTimeOffset', async (op, expected) => {
      const result = await list(`?$filter=lastDeliveredDateTime ${op} 2024-05-02T09:00:00Z`);
      expect(result.status).toBe(200);
      expect(topics(result)).toEqual(expected);
    });

    it('accepts a zone offset and fractional seconds when percent-encoded', async () => {
      const at = encodeURIComponent('2024-05-02T11:00:00.5+02:00');
      expect(topics(await list(`?$filter=lastDeliveredDateTime gt ${at}`))).toEqual(['Third']);
    });

    it("matches topic eq '...' exactly, with quotes doubled inside the literal", async () => {
      await createAt('2024-05-04T09:00:00Z', "O'Brien's plan and budget");
      const literal = encodeURIComponent("'O''Brien''s plan and budget'");
      expect(topics(await list(`?$filter=topic eq ${literal}`))).toEqual(["O'Brien's plan and budget"]);
      expect(topics(await list("?$filter=topic eq 'second'"))).toEqual([]);
    });

    it('combines clauses with and', async () => {
      const range = await list(
        '?$filter=lastDeliveredDateTime gt 2024-05-01T09:00:00Z and lastDeliveredDateTime lt 2024-05-03T09:00:00Z',
      );
      expect(topics(range)).toEqual(['Second']);
      const both = await list("?$filter=topic eq 'Third' and lastDeliveredDateTime le 2024-05-02T09:00:00Z");
      expect(both.json.value).toEqual([]);
    });

    it.each([
      ['a quoted date', "lastDeliveredDateTime ge '2024-05-02T09:00:00Z'"],
      ['a date without a zone', 'lastDeliveredDateTime ge 2024-05-02T09:00:00'],
      ['an impossible date', 'lastDeliveredDateTime ge 2024-13-02T09:00:00Z'],
      ['another operator', "topic ne 'First'"],
      ['another property', "preview eq 'First'"],
      ['or', "topic eq 'First' or topic eq 'Third'"],
      ['a dangling and', "topic eq 'First' and"],
      ['an unterminated string', "topic eq 'First"],
      ['an empty filter', ''],
    ])('answers %s with 400 BadRequest', async (_, filter) => {
      const result = await list(`?$filter=${encodeURIComponent(filter)}`);
      expectGraphError(result, 400, 'BadRequest');
    });
  });

  it('applies $select: only the named properties plus id, named in @odata.context', async () => {
    const id = await createAt('2024-05-01T09:00:00Z', 'First');
    const result = await list('?$select=topic,lastDeliveredDateTime');
    expect(result.json['@odata.context']).toBe(
      `${sandbox.baseUrl}/$metadata#groups('${marketing.id}')/conversations(topic,lastDeliveredDateTime)`,
    );
    expect(result.json.value).toEqual([
      { id, topic: 'First', lastDeliveredDateTime: '2024-05-01T09:00:00Z' },
    ]);
    expectGraphError(await list('?$select=subject'), 400, 'BadRequest');
  });

  it.each([
    '$top=5',
    '$orderby=lastDeliveredDateTime desc',
    '$count=true',
    '$expand=threads',
    '$skip=10',
    '$search="plan"',
    'top=5',
  ])('refuses the undocumented option %s with 400 BadRequest', async (option) => {
    await createAt('2024-05-01T09:00:00Z', 'First');
    const message = expectGraphError(await list(`?${option}`), 400, 'BadRequest');
    expect(message).toContain(option.split('=')[0]);
  });

  it('pages every 10 items with an absolute nextLink that keeps the other options', async () => {
    for (let day = 1; day <= 23; day += 1) {
      await createAt(`2024-05-${String(day).padStart(2, '0')}T09:00:00Z`, `Day ${day}`);
    }
    const query = '?$select=topic&$filter=lastDeliveredDateTime ge 2024-05-01T00:00:00Z';
    const seen: unknown[] = [];
    let page = await list(query);
    const pageSizes: number[] = [];
    for (;;) {
      expect(page.status).toBe(200);
      pageSizes.push(page.json.value.length);
      seen.push(...topics(page));
      const next = page.json['@odata.nextLink'];
      if (next === undefined) break;
      expect(next.startsWith(`${sandbox.baseUrl}/groups/${marketing.id}/conversations?`)).toBe(true);
      expect(next).toContain('$select=topic');
      expect(next).toContain('$filter=lastDeliveredDateTime%20ge%202024-05-01T00%3A00%3A00Z');
      expect(next).toMatch(/\$skiptoken=[\w-]+/);
      page = await call<ConversationPage>(sandbox, 'GET', next);
    }
    expect(pageSizes).toEqual([10, 10, 3]);
    expect(seen).toEqual(Array.from({ length: 23 }, (_, i) => `Day ${i + 1}`));
  });

  it('accepts option names in any case, but each option only once', async () => {
    await createAt('2024-05-01T09:00:00Z', 'First');
    const result = await list("?$Select=topic&$FILTER=topic eq 'First'");
    expect(result.json.value).toEqual([{ id: expect.any(String), topic: 'First' }]);
    expectGraphError(await list("?$filter=topic eq 'First'&$filter=topic eq 'Other'"), 400, 'BadRequest');
  });

  it('answers a forged $skiptoken with 400 BadRequest', async () => {
    expectGraphError(await list('?$skiptoken=nonsense'), 400, 'BadRequest');
  });
});
