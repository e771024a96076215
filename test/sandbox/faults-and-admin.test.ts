import {
  DEMO_TENANT,
  type GraphSandbox,
  mintSandboxToken,
  startGraphSandbox,
} from '../../sandbox/graph-sandbox';
import { call, conversationBody, expectGraphError } from './helpers';

const { marketing } = DEMO_TENANT.groups;

let sandbox: GraphSandbox;
beforeAll(async () => {
  sandbox = await startGraphSandbox();
});
afterEach(() => sandbox.reset());
afterAll(() => sandbox.close());

const create = () =>
  call(sandbox, 'POST', `/groups/${marketing.id}/conversations`, { body: conversationBody() });

describe('failNext', () => {
  it('answers the next request 429 TooManyRequests with Retry-After, then succeeds', async () => {
    sandbox.failNext(1, { status: 429, retryAfterSeconds: 7 });
    const throttled = await create();
    expectGraphError(throttled, 429, 'TooManyRequests');
    expect(throttled.headers.get('retry-after')).toBe('7');
    expect(sandbox.conversations()).toEqual([]);
    expect((await create()).status).toBe(201);
    expect(sandbox.requests.map((r) => r.status)).toEqual([429, 201]);
  });

  it('fails only requests whose path contains the filter, count times, with the default code per status', async () => {
    sandbox.failNext(2, { status: 503, path: '/conversations' });
    expect((await call(sandbox, 'GET', '/me')).status).toBe(200);
    expectGraphError(await create(), 503, 'ServiceUnavailable');
    expectGraphError(await create(), 503, 'ServiceUnavailable');
    expect((await create()).status).toBe(201);
  });

  it('uses a given code, and counts a $batch as one request', async () => {
    sandbox.failNext(1, { status: 504, code: 'CustomTimeout' });
    const body = { requests: [{ id: '1', method: 'GET', url: '/me' }] };
    expectGraphError(await call(sandbox, 'POST', '/$batch', { body }), 504, 'CustomTimeout');
    expect(sandbox.requests).toHaveLength(1);
    expect((await call(sandbox, 'POST', '/$batch', { body })).status).toBe(200);
  });

  it('rejects nonsense settings', () => {
    expect(() => sandbox.failNext(0, { status: 429 })).toThrow(RangeError);
    expect(() => sandbox.failNext(1, { status: 200 })).toThrow(RangeError);
  });
});

describe('setLatency', () => {
  it('delays answers to matching requests only', async () => {
    sandbox.setLatency(300, '/conversations');
    let started = Date.now();
    await call(sandbox, 'GET', '/me');
    expect(Date.now() - started).toBeLessThan(200);
    started = Date.now();
    expect((await create()).status).toBe(201);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
  });

  it('has already done the work when a caller gives up waiting', async () => {
    sandbox.setLatency(2000);
    await expect(
      fetch(`${sandbox.baseUrl}/groups/${marketing.id}/conversations`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${mintSandboxToken()}` },
        body: JSON.stringify(conversationBody()),
        signal: AbortSignal.timeout(100),
      }),
    ).rejects.toThrow();
    expect(sandbox.conversations()).toHaveLength(1);
  });
});

describe('admin endpoints /_sandbox', () => {
  const admin = (method: string, path: string, body?: unknown) =>
    call(sandbox, method, `/_sandbox${path}`, { token: null, body });

  it('GET /health answers 200', async () => {
    const result = await admin('GET', '/health');
    expect(result.status).toBe(200);
    expect(result.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('POST /faults queues a fault, DELETE /faults clears them', async () => {
    expect((await admin('POST', '/faults', { count: 1, status: 429, retryAfterSeconds: 2 })).status).toBe(
      200,
    );
    expect((await call(sandbox, 'GET', '/me')).headers.get('retry-after')).toBe('2');
    await admin('POST', '/faults', { count: 5, status: 503 });
    expect((await admin('DELETE', '/faults')).status).toBe(204);
    expect((await call(sandbox, 'GET', '/me')).status).toBe(200);
    expect((await admin('POST', '/faults', { count: 1, status: 'x' })).status).toBe(400);
  });

  it('POST /latency sets a delay', async () => {
    expect((await admin('POST', '/latency', { ms: 250 })).status).toBe(200);
    const started = Date.now();
    await call(sandbox, 'GET', '/me');
    expect(Date.now() - started).toBeGreaterThanOrEqual(240);
  });

  it('GET /conversations lists what was created; POST /reset forgets it', async () => {
    await create();
    const listed = await call<{ value: { groupId: string; topic: string }[] }>(
      sandbox,
      'GET',
      '/_sandbox/conversations',
      { token: null },
    );
    expect(listed.json.value).toEqual([
      expect.objectContaining({ groupId: marketing.id, topic: 'Q3 launch plan' }),
    ]);
    expect((await admin('POST', '/reset')).status).toBe(204);
    expect(sandbox.conversations()).toEqual([]);
    expect(sandbox.requests).toEqual([]);
  });

  it('admin requests are not recorded as Graph requests', async () => {
    await admin('GET', '/health');
    expect(sandbox.requests).toEqual([]);
  });
});
