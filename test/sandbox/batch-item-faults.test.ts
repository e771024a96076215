/** Throttling one $batch sub-request: its own 429 and Retry-After inside a batch that answers 200. */
import { DEMO_TENANT, type GraphSandbox, startGraphSandbox } from '../../sandbox/graph-sandbox';
import { call, conversationBody, expectGraphError } from './helpers';

const { users, groups } = DEMO_TENANT;

interface BatchResponse {
  responses: {
    id: string;
    status: number;
    headers: Record<string, string>;
    body?: { error?: { code: string; message: string; innerError: Record<string, string> } };
  }[];
}

let sandbox: GraphSandbox;
beforeAll(async () => {
  sandbox = await startGraphSandbox();
});
afterEach(() => sandbox.reset());
afterAll(() => sandbox.close());

const lookups = (...ids: string[]) => ({
  requests: ids.map((id, i) => ({ id: String(i + 1), method: 'GET', url: `/users/${id}?$select=mail` })),
});
const batch = (body: unknown) => call<BatchResponse>(sandbox, 'POST', '/$batch', { body });
const statuses = (result: { json: BatchResponse }) => result.json.responses.map((r) => [r.id, r.status]);

describe('batchItem faults', () => {
  it('throttles only the matching sub-request, with Retry-After in its own headers; the batch answers 200', async () => {
    sandbox.failNext(1, {
      status: 429,
      retryAfterSeconds: 7,
      batchItem: true,
      path: `/users/${users.megan.id}`,
    });
    const result = await batch(lookups(users.alex.id, users.megan.id, users.lee.id));
    expect(result.status).toBe(200);
    expect(result.headers.get('retry-after')).toBeNull();
    expect(statuses(result)).toEqual([
      ['1', 200],
      ['2', 429],
      ['3', 200],
    ]);
    const throttled = result.json.responses[1];
    expect(throttled.headers).toEqual({ 'Retry-After': '7', 'Content-Type': 'application/json' });
    expect(throttled.body).toEqual({
      error: {
        code: 'TooManyRequests',
        message: expect.any(String),
        innerError: {
          'request-id': expect.any(String),
          'client-request-id': expect.any(String),
          date: expect.any(String),
        },
      },
    });
    expect(sandbox.requests.map((r) => [r.viaBatch, r.status])).toEqual([
      [false, 200],
      [true, 200],
      [true, 429],
      [true, 200],
    ]);
  });

  it('is consumed by the one item it hits: the retry in a new batch succeeds', async () => {
    sandbox.failNext(1, { status: 429, retryAfterSeconds: 1, batchItem: true, path: '/users/' });
    expect(statuses(await batch(lookups(users.alex.id, users.megan.id)))).toEqual([
      ['1', 429],
      ['2', 200],
    ]);
    expect(statuses(await batch(lookups(users.alex.id)))).toEqual([['1', 200]]);
  });

  it('is left alone by requests outside a batch, and batch items leave ordinary faults alone', async () => {
    sandbox.failNext(1, { status: 429, batchItem: true, path: '/users/' });
    sandbox.failNext(1, { status: 503, path: '/users/' });
    expect(statuses(await batch(lookups(users.alex.id)))).toEqual([['1', 429]]);
    expectGraphError(await call(sandbox, 'GET', `/users/${users.lee.id}`), 503, 'ServiceUnavailable');
    expect((await call(sandbox, 'GET', `/users/${users.lee.id}`)).status).toBe(200);
  });

  it('fails requests that depend on the throttled one with 424, without consuming more faults', async () => {
    sandbox.failNext(2, { status: 429, batchItem: true, path: '/users/' });
    const body = lookups(users.alex.id, users.megan.id);
    const dependent = { requests: [body.requests[0], { ...body.requests[1], dependsOn: ['1'] }] };
    expect(statuses(await batch(dependent))).toEqual([
      ['1', 429],
      ['2', 424],
    ]);
    expect(sandbox.pendingFaults()).toEqual([
      { status: 429, batchItem: true, path: '/users/', remaining: 1 },
    ]);
  });

  it('with after, creates the conversation and still answers that item 504', async () => {
    sandbox.failNext(1, { status: 504, after: true, batchItem: true, path: '/conversations' });
    const post = {
      id: 'create',
      method: 'POST',
      url: `/groups/${groups.marketing.id}/conversations`,
      headers: { 'Content-Type': 'application/json' },
      body: conversationBody(),
    };
    const result = await batch({ requests: [post] });
    expect(result.status).toBe(200);
    expect(result.json.responses[0]).toMatchObject({
      status: 504,
      body: { error: { code: 'GatewayTimeout' } },
    });
    expect(sandbox.conversations()).toHaveLength(1);
  });

  it('is available through POST /_sandbox/faults', async () => {
    const queued = await call(sandbox, 'POST', '/_sandbox/faults', {
      token: null,
      body: { count: 1, status: 429, retryAfterSeconds: 2, batchItem: true, path: '/users/' },
    });
    expect(queued.status).toBe(200);
    const result = await batch(lookups(users.alex.id));
    expect(result.json.responses[0]).toMatchObject({ status: 429, headers: { 'Retry-After': '2' } });
  });

  it('rejects a batchItem reset: a sub-request has no connection of its own', async () => {
    // @ts-expect-error reset faults cannot target a batch item
    expect(() => sandbox.failNext(1, { reset: true, batchItem: true })).toThrow(RangeError);
    const result = await call(sandbox, 'POST', '/_sandbox/faults', {
      token: null,
      body: { count: 1, reset: true, batchItem: true },
    });
    expect(result.status).toBe(400);
  });
});
