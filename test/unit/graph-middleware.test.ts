import type { Context, Middleware } from '@microsoft/microsoft-graph-client';
import { BearerTokenHandler } from '../../src/graph/bearer-token';
import { DeadlineTransportHandler, GraphTransportError } from '../../src/graph/transport';

/** Stands in for the HTTP handler: records what it was given and answers with `answer`. */
class Recorder implements Middleware {
  seen: Context | undefined;
  constructor(private readonly answer: (context: Context) => Response | Promise<Response>) {}
  async execute(context: Context): Promise<void> {
    this.seen = context;
    context.response = await this.answer(context);
  }
}

async function through(handler: Middleware & { setNext(next: Middleware): void }, next: Recorder) {
  handler.setNext(next);
  const context: Context = {
    request: 'https://graph.microsoft.com/v1.0/groups/g/conversations',
    options: { method: 'POST', headers: { 'Content-Type': 'application/json', authorization: 'Bearer old' } },
  };
  await handler.execute(context);
  return context;
}

describe('BearerTokenHandler', () => {
  test('adds the token to the SDK’s headers and replaces any other Authorization, whatever its case', async () => {
    const next = new Recorder(() => new Response('{}'));
    await through(new BearerTokenHandler('token-1'), next);
    expect(new Headers(next.seen?.options?.headers).get('authorization')).toBe('Bearer token-1');
    expect(new Headers(next.seen?.options?.headers).get('content-type')).toBe('application/json');
    expect(Object.keys(next.seen?.options?.headers ?? {})).toEqual(['Content-Type', 'Authorization']);
  });

  test('headers given as a Headers object keep their shape', async () => {
    const next = new Recorder(() => new Response('{}'));
    const handler = new BearerTokenHandler('token-2');
    handler.setNext(next);
    await handler.execute({
      request: 'https://graph.microsoft.com/v1.0/me',
      options: { headers: new Headers() },
    });
    expect(new Headers(next.seen?.options?.headers).get('Authorization')).toBe('Bearer token-2');
    expect(next.seen?.options?.headers).toBeInstanceOf(Headers);
  });
});

describe('DeadlineTransportHandler', () => {
  afterEach(() => jest.useRealTimers());

  test('the answer comes back readable, and no timer of the request outlives it', async () => {
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
    const next = new Recorder(
      () => new Response('{"id":"c1"}', { status: 201, headers: { 'Content-Type': 'application/json' } }),
    );
    const context = await through(new DeadlineTransportHandler(Date.now() + 25_000), next);
    expect(next.seen?.options?.signal).toBeInstanceOf(AbortSignal);
    expect(jest.getTimerCount()).toBe(0);
    expect(context.response?.status).toBe(201);
    expect(context.response?.headers.get('content-type')).toBe('application/json');
    expect(await context.response?.json()).toEqual({ id: 'c1' });
  });

  test('an answer without a body (204) stays one', async () => {
    const next = new Recorder(() => new Response(null, { status: 204 }));
    const context = await through(new DeadlineTransportHandler(Date.now() + 25_000), next);
    expect(context.response?.status).toBe(204);
  });

  test('a body that stops coming is cut off at the deadline: a timeout, not a hang', async () => {
    const next = new Recorder((context) => {
      const signal = context.options?.signal as AbortSignal;
      const body = new ReadableStream({
        start(controller) {
          controller.enqueue(new TextEncoder().encode('{"id":'));
          signal.addEventListener('abort', () => controller.error(signal.reason));
        },
      });
      return new Response(body, { status: 201 });
    });
    await expect(through(new DeadlineTransportHandler(Date.now() + 50), next)).rejects.toEqual(
      new GraphTransportError('timeout'),
    );
  });

  test('past the deadline nothing is sent', async () => {
    const next = new Recorder(() => new Response('{}'));
    await expect(through(new DeadlineTransportHandler(Date.now() - 1), next)).rejects.toBeInstanceOf(
      GraphTransportError,
    );
    expect(next.seen).toBeUndefined();
  });
});
