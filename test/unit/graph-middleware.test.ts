import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Context, Middleware } from '@microsoft/microsoft-graph-client';
import { BearerTokenHandler } from '../../src/graph/bearer-token';
import { createGraphClient } from '../../src/graph/client';
import { toGraphFailure } from '../../src/graph/errors';
import {
  DEADLINE_WINDOW_MS,
  DeadlineSignals,
  DeadlineTransportHandler,
  GraphTransportError,
} from '../../src/graph/transport';

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
  test('every attempt carries a signal that fires at the deadline (at most one 100 ms window after it)', async () => {
    const next = new Recorder(() => new Response('{}', { status: 201 }));
    await through(new DeadlineTransportHandler(Date.now() + 50, new DeadlineSignals()), next);
    const signal = next.seen?.options?.signal as AbortSignal;
    expect(signal.aborted).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 50 + DEADLINE_WINDOW_MS + 50));
    expect(signal.aborted).toBe(true);
  });

  test('past the deadline nothing is sent', async () => {
    const next = new Recorder(() => new Response('{}'));
    await expect(through(new DeadlineTransportHandler(Date.now() - 1), next)).rejects.toBeInstanceOf(
      GraphTransportError,
    );
    expect(next.seen).toBeUndefined();
  });
});

describe('DeadlineSignals: one timeout signal per 100 ms of deadlines, not one per request', () => {
  test('deadlines in one window share its signal; the next window has its own', () => {
    let now = 1_000_000;
    const signals = new DeadlineSignals(() => now);
    const first = signals.until(now + 25_001);
    expect(signals.until(now + 25_099)).toBe(first);
    expect(signals.until(now + 25_100)).toBe(first);
    expect(signals.until(now + 25_101)).not.toBe(first);
    expect(signals.size).toBe(2);
    now += 25_100;
    signals.until(now + 5_000);
    expect(signals.size).toBe(2);
  });
});

describe('a redirect from Graph is not followed', () => {
  test('the create is not re-sent to the Location, and fails as a dropped connection (outcome unknown)', async () => {
    const seen: string[] = [];
    const server = createServer((req, res) => {
      seen.push(`${req.method} ${req.url}`);
      req.resume();
      // Two calls, not a chain: restify (loaded by other tests in the same worker) patches writeHead to
      // return nothing.
      res.writeHead(307, { Location: '/v1.0/elsewhere' });
      res.end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const client = createGraphClient({
        baseUrl: new URL(`http://127.0.0.1:${port}/v1.0`),
        token: 'token-1',
        deadline: Date.now() + 5_000,
        maxRetries: 0,
      });
      const failure = await client
        .api('/groups/g/conversations')
        .post({ topic: 'Quarterly review' })
        .then(
          () => undefined,
          (error: unknown) => toGraphFailure(error),
        );

      expect(failure?.kind).toBe('network');
      expect(seen).toEqual(['POST /v1.0/groups/g/conversations']);
    } finally {
      server.close();
    }
  });
});
