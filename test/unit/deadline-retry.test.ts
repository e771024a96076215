import type { Context, Middleware } from '@microsoft/microsoft-graph-client';
import { DeadlineRetryHandler, type RetryPolicy } from '../../src/graph/deadline-retry';

/** Stands in for the HTTP handler: answers each attempt with the next scripted response. */
class ScriptedGraph implements Middleware {
  attempts = 0;
  constructor(private readonly script: Array<() => Response>) {}
  async execute(context: Context): Promise<void> {
    const next = this.script[Math.min(this.attempts, this.script.length - 1)];
    this.attempts += 1;
    context.response = next();
  }
}

const throttled = (retryAfter?: string) => () =>
  new Response('{"error":{"code":"TooManyRequests"}}', {
    status: 429,
    headers: retryAfter === undefined ? {} : { 'Retry-After': retryAfter },
  });
const status = (code: number) => () => new Response(code === 204 ? null : '{}', { status: code });

const START = Date.parse('2025-05-01T10:00:00Z');
let clock = START;
let slept: number[] = [];

beforeEach(() => {
  clock = START;
  slept = [];
  jest.spyOn(Date, 'now').mockImplementation(() => clock);
});
afterEach(() => jest.restoreAllMocks());

/** A sleep that takes no real time but moves the clock, as a real sleep would. */
async function fakeSleep(ms: number): Promise<void> {
  slept.push(ms);
  clock += ms;
}

async function run(
  script: Array<() => Response>,
  policy: Partial<RetryPolicy> = {},
  request: { method?: string; url?: string } = {},
): Promise<{ graph: ScriptedGraph; response: Response | undefined }> {
  const graph = new ScriptedGraph(script);
  const handler = new DeadlineRetryHandler({
    deadline: START + 8_000,
    maxRetries: 3,
    baseDelayMs: 1_000,
    sleep: fakeSleep,
    ...policy,
  });
  handler.setNext(graph);
  const context: Context = {
    request: request.url ?? 'https://graph.microsoft.com/v1.0/groups/g',
    options: { method: request.method ?? 'GET' },
  };
  await handler.execute(context);
  return { graph, response: context.response };
}

describe('DeadlineRetryHandler', () => {
  test('a success is returned at once, without sleeping', async () => {
    const { graph, response } = await run([status(201)]);
    expect(response?.status).toBe(201);
    expect(graph.attempts).toBe(1);
    expect(slept).toEqual([]);
  });

  test.each([429, 502, 503, 504])(
    'retries a read after %i, waiting the Retry-After seconds, until Graph succeeds',
    async (code) => {
      const busy = () => new Response('', { status: code, headers: { 'Retry-After': '2' } });
      const { graph, response } = await run([busy, busy, status(201)]);
      expect(response?.status).toBe(201);
      expect(graph.attempts).toBe(3);
      expect(slept).toEqual([2_000, 2_000]);
    },
  );

  test.each([400, 401, 403, 404, 500])('does not retry %i', async (code) => {
    const { graph, response } = await run([status(code), status(201)]);
    expect(response?.status).toBe(code);
    expect(graph.attempts).toBe(1);
    expect(slept).toEqual([]);
  });

  const create = { method: 'POST', url: 'https://graph.microsoft.com/v1.0/groups/g/conversations' };

  test.each([
    ['429', () => new Response('', { status: 429 })],
    ['503 with Retry-After', () => new Response('', { status: 503, headers: { 'Retry-After': '1' } })],
  ])('a create is repeated after %s: Graph promises it did nothing', async (_, busy) => {
    const { graph, response } = await run([busy, status(201)], {}, create);
    expect(response?.status).toBe(201);
    expect(graph.attempts).toBe(2);
  });

  test.each([
    ['502', () => new Response('', { status: 502 })],
    ['504', () => new Response('', { status: 504, headers: { 'Retry-After': '1' } })],
    ['503 without Retry-After', () => new Response('', { status: 503 })],
  ])('a create is never repeated after %s: the conversation may exist already', async (_, failed) => {
    const { graph, response } = await run([failed, status(201)], {}, create);
    expect(graph.attempts).toBe(1);
    expect(response?.status).not.toBe(201);
  });

  test('a $batch (only ever GETs) is retried like a read', async () => {
    const batch = { method: 'POST', url: 'https://graph.microsoft.com/v1.0/$batch' };
    const { graph, response } = await run([status(504), status(200)], {}, batch);
    expect(response?.status).toBe(200);
    expect(graph.attempts).toBe(2);
  });

  test.each([
    'https://graph.microsoft.com/v1.0/groups/g/conversations?note=$batch',
    'https://graph.microsoft.com/v1.0/groups/$batch-like/conversations',
  ])('a POST that only mentions $batch (%s) is a create, never repeated after a 504', async (url) => {
    const { graph } = await run([status(504), status(201)], {}, { method: 'POST', url });
    expect(graph.attempts).toBe(1);
  });

  test('Retry-After as an HTTP date is honoured', async () => {
    const inThreeSeconds = new Date(START + 3_000).toUTCString();
    const { response } = await run([throttled(inThreeSeconds), status(200)]);
    expect(response?.status).toBe(200);
    expect(slept).toEqual([3_000]);
  });

  test('without Retry-After it backs off exponentially from the base delay', async () => {
    const { graph, response } = await run([throttled(), throttled(), throttled(), status(200)], {
      baseDelayMs: 500,
      deadline: START + 60_000,
    });
    expect(response?.status).toBe(200);
    expect(graph.attempts).toBe(4);
    expect(slept).toEqual([500, 1_000, 2_000]);
  });

  test('stops after maxRetries and hands the last throttled response to the caller', async () => {
    const { graph, response } = await run([throttled('1')], { maxRetries: 2, deadline: START + 60_000 });
    expect(graph.attempts).toBe(3);
    expect(slept).toEqual([1_000, 1_000]);
    expect(response?.status).toBe(429);
    expect(response?.headers.get('retry-after')).toBe('1');
  });

  test('maxRetries 0 means a single attempt', async () => {
    const { graph, response } = await run([throttled('1'), status(200)], { maxRetries: 0 });
    expect(graph.attempts).toBe(1);
    expect(response?.status).toBe(429);
  });

  test('a Retry-After beyond the deadline is not waited for: the 429 goes straight back', async () => {
    const { graph, response } = await run([throttled('180'), status(200)], { deadline: START + 8_000 });
    expect(graph.attempts).toBe(1);
    expect(slept).toEqual([]);
    expect(response?.status).toBe(429);
  });

  test('never sleeps past the deadline, however many retries are left', async () => {
    const deadline = START + 5_000;
    const { graph, response } = await run([throttled()], { deadline, maxRetries: 10, baseDelayMs: 1_000 });
    // 1 s + 2 s = 3 s slept; the next 4 s wait would end after the deadline.
    expect(slept).toEqual([1_000, 2_000]);
    expect(graph.attempts).toBe(3);
    expect(clock).toBeLessThan(deadline);
    expect(response?.status).toBe(429);
  });

  test('a wait that would end exactly at the deadline is not started', async () => {
    const { graph } = await run([throttled('8'), status(200)], { deadline: START + 8_000 });
    expect(graph.attempts).toBe(1);
    expect(slept).toEqual([]);
  });

  test('refuses to be the last middleware', async () => {
    const handler = new DeadlineRetryHandler({ deadline: START + 1_000, maxRetries: 1, baseDelayMs: 1 });
    await expect(handler.execute({ request: 'https://graph.microsoft.com/v1.0/me' })).rejects.toThrow(
      'DeadlineRetryHandler must not be the last middleware',
    );
  });
});
