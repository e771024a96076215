/** Faults that strike after Graph did the work: an error answer (`after`) or a dropped connection (`reset`). */
import {
  DEMO_TENANT,
  type GraphSandbox,
  mintSandboxToken,
  startGraphSandbox,
} from '../../sandbox/graph-sandbox';
import { call, conversationBody, expectGraphError } from './helpers';

const { marketing } = DEMO_TENANT.groups;
const CREATE = `/groups/${marketing.id}/conversations`;

let sandbox: GraphSandbox;
beforeAll(async () => {
  sandbox = await startGraphSandbox();
});
afterEach(() => sandbox.reset());
afterAll(() => sandbox.close());

const create = () => call(sandbox, 'POST', CREATE, { body: conversationBody() });
// undici's answer to a socket closed before any response ('other side closed').
const DROPPED = { message: 'fetch failed', cause: { code: 'UND_ERR_SOCKET' } };

const admin = (method: string, path: string, body?: unknown) =>
  call(sandbox, method, `/_sandbox${path}`, { token: null, body });

describe('after: the work is done, then the answer is an error', () => {
  it.each([
    [502, 'BadGateway'],
    [504, 'GatewayTimeout'],
  ])('%i after a create: Graph error shape, and the conversation is stored', async (status, code) => {
    sandbox.failNext(1, { status, after: true, path: '/conversations' });
    expectGraphError(await create(), status, code);
    const stored = sandbox.conversations(marketing.id);
    expect(stored).toHaveLength(1);
    expect(stored[0].topic).toBe('Q3 launch plan');
    expect(sandbox.requests.map((r) => [r.method, r.status])).toEqual([['POST', status]]);
    expect((await call(sandbox, 'GET', CREATE)).json.value).toHaveLength(1);
  });

  it('contrasts with a fault without after, which leaves nothing stored', async () => {
    sandbox.failNext(1, { status: 502, path: '/conversations' });
    expectGraphError(await create(), 502, 'BadGateway');
    expect(sandbox.conversations()).toEqual([]);
  });

  it('keeps Retry-After and a given code', async () => {
    sandbox.failNext(1, { status: 503, code: 'ServiceUnavailable', retryAfterSeconds: 3, after: true });
    const result = await create();
    expectGraphError(result, 503, 'ServiceUnavailable');
    expect(result.headers.get('retry-after')).toBe('3');
    expect(sandbox.conversations()).toHaveLength(1);
  });

  it('is available through POST /_sandbox/faults and listed by GET /_sandbox/faults', async () => {
    const queued = await admin('POST', '/faults', {
      count: 2,
      status: 504,
      after: true,
      path: '/conversations',
    });
    expect(queued.status).toBe(200);
    expect(queued.json.faults).toEqual([{ status: 504, after: true, path: '/conversations', remaining: 2 }]);
    expectGraphError(await create(), 504, 'GatewayTimeout');
    expectGraphError(await create(), 504, 'GatewayTimeout');
    expect((await create()).status).toBe(201);
    expect(sandbox.conversations()).toHaveLength(3);
  });
});

describe('reset: the work is done, then the connection is dropped without an answer', () => {
  it('stores the conversation while the caller sees a network error', async () => {
    sandbox.failNext(1, { reset: true, path: '/conversations' });
    await expect(
      fetch(`${sandbox.baseUrl}${CREATE}`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${mintSandboxToken()}`, 'Content-Type': 'application/json' },
        body: JSON.stringify(conversationBody()),
      }),
    ).rejects.toMatchObject(DROPPED);
    expect(sandbox.conversations(marketing.id)).toHaveLength(1);
    expect(sandbox.requests).toEqual([
      expect.objectContaining({ method: 'POST', status: 201, dropped: true }),
    ]);
    expect((await create()).status).toBe(201);
  });

  it('drops a $batch after running its sub-requests', async () => {
    await admin('POST', '/faults', { count: 1, reset: true, path: '/$batch' });
    const body = {
      requests: [
        {
          id: '1',
          method: 'POST',
          url: CREATE,
          headers: { 'Content-Type': 'application/json' },
          body: conversationBody(),
        },
      ],
    };
    await expect(call(sandbox, 'POST', '/$batch', { body })).rejects.toMatchObject(DROPPED);
    expect(sandbox.conversations()).toHaveLength(1);
  });

  it('waits out a latency rule before dropping, like a connection that times out late', async () => {
    sandbox.setLatency(200, '/conversations');
    sandbox.failNext(1, { reset: true });
    const started = Date.now();
    await expect(create()).rejects.toMatchObject(DROPPED);
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
    expect(sandbox.conversations()).toHaveLength(1);
  });
});

describe('validation of after and reset', () => {
  it('rejects impossible combinations from tests, at compile time and at run time', () => {
    // @ts-expect-error a reset never answers, so it has no status
    expect(() => sandbox.failNext(1, { reset: true, status: 502 })).toThrow(/reset fault cannot have status/);
    // @ts-expect-error reset always does the work first; after would be meaningless
    expect(() => sandbox.failNext(1, { reset: true, after: true })).toThrow(RangeError);
    // @ts-expect-error a status fault needs a status
    expect(() => sandbox.failNext(1, { after: true })).toThrow(/status is required/);
    // @ts-expect-error a misspelt property must not silently inject a plain fault
    expect(() => sandbox.failNext(1, { status: 502, afterr: true })).toThrow(
      /unknown fault properties: afterr/,
    );
    expect(() => sandbox.failNext(1, { status: 502, path: '' })).toThrow(RangeError);
    expect(sandbox.requests).toEqual([]);
  });

  it.each([
    [{ count: 1, reset: true, status: 502 }, 'status'],
    [{ count: 1, reset: 'yes' }, 'reset must be a boolean'],
    [{ count: 1, status: 504, after: 1 }, 'after must be a boolean'],
    [{ count: 1, after: true }, 'status is required'],
    [{ count: 1, status: 504, delay: 5 }, 'unknown fault properties: delay'],
    [{ count: 0, reset: true }, 'count must be a positive integer'],
  ])('POST /_sandbox/faults answers %j with 400 naming the problem', async (body, problem) => {
    const result = await admin('POST', '/faults', body);
    expect(result.status).toBe(400);
    expect(result.json).toEqual({ error: { code: 'BadRequest', message: expect.stringContaining(problem) } });
    expect((await admin('GET', '/faults')).json.faults).toEqual([]);
  });
});
