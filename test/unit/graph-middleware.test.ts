import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Context, Middleware } from '@microsoft/microsoft-graph-client';
import { BearerTokenHandler } from '../../src/graph/bearer-token';
import { createGraphClient } from '../../src/graph/client';
import { type GraphFailure, toGraphFailure } from '../../src/graph/errors';
import { IDLE_SOCKET_MS } from '../../src/graph/http-send';
import { DEADLINE_WINDOW_MS, DeadlineSignals } from '../../src/graph/transport';

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

describe('the transport: Graph requests over node:http, within the deadline', () => {
  test('sends what the SDK built (method, path, headers, JSON body) and hands back Graph’s JSON answer', async () => {
    const seen: Seen[] = [];
    await withServer(
      recordAnd(seen, (res) => answer(res, 201, { id: 'conversation-1' })),
      async (baseUrl) => {
        const created = await clientFor(baseUrl)
          .api('/groups/g/conversations')
          .post({ topic: 'Quarterly review' });
        expect(created).toEqual({ id: 'conversation-1' });
      },
    );
    expect(seen).toEqual([
      expect.objectContaining({
        method: 'POST',
        url: '/v1.0/groups/g/conversations',
        authorization: 'Bearer token-1',
        contentType: 'application/json',
        body: '{"topic":"Quarterly review"}',
      }),
    ]);
  });

  test('an answer without content (204) is an answer, not a failure', async () => {
    await withServer(
      recordAnd([], (res) => answer(res, 204)),
      async (baseUrl) => {
        await expect(clientFor(baseUrl).api('/groups/g/threads/t').delete()).resolves.toBeUndefined();
      },
    );
  });

  test('connections are kept alive: ten requests in a row use one connection', async () => {
    let connections = 0;
    await withServer(
      recordAnd([], (res) => answer(res, 200, { value: [] })),
      async (baseUrl) => {
        const client = clientFor(baseUrl);
        for (let index = 0; index < 10; index++) await client.api('/groups/g/conversations').get();
      },
      () => {
        connections += 1;
      },
    );
    expect(connections).toBe(1);
  });

  test(
    'a connection idle past IDLE_SOCKET_MS is closed by us; a slower answer on a busy one is still awaited',
    async () => {
      let connections = 0;
      await withServer(
        (req, res) => {
          req.resume();
          const delay = req.url?.endsWith('/slow') ? IDLE_SOCKET_MS + 300 : 0;
          setTimeout(() => answer(res, 201, { id: 'conversation-1' }), delay);
        },
        async (baseUrl) => {
          const client = clientFor(baseUrl, Date.now() + 3 * IDLE_SOCKET_MS);
          await expect(client.api('/groups/g/slow').post({ topic: 'x' })).resolves.toEqual({
            id: 'conversation-1',
          });
          await client.api('/groups/g/conversations').post({ topic: 'x' });
          expect(connections).toBe(1);
          await new Promise((resolve) => setTimeout(resolve, IDLE_SOCKET_MS + 300));
          await client.api('/groups/g/conversations').post({ topic: 'x' });
        },
        () => {
          connections += 1;
        },
      );
      expect(connections).toBe(2);
    },
    4 * IDLE_SOCKET_MS,
  );

  test('twenty requests at once, sharing one deadline window, raise no listener-leak warning', async () => {
    const warnings: string[] = [];
    const onWarning = (warning: Error) => warnings.push(warning.name);
    process.on('warning', onWarning);
    try {
      await withServer(
        recordAnd([], (res) => answer(res, 201, { id: 'conversation-1' })),
        async (baseUrl) => {
          const deadline = Date.now() + 5_000;
          await Promise.all(
            Array.from({ length: 20 }, () =>
              clientFor(baseUrl, deadline).api('/groups/g/conversations').post({ topic: 'x' }),
            ),
          );
        },
      );
      await new Promise((resolve) => setImmediate(resolve));
    } finally {
      process.off('warning', onWarning);
    }
    expect(warnings).toEqual([]);
  });

  test('a request Graph does not answer by the deadline fails as a timeout, within one window of it', async () => {
    await withServer(
      () => undefined,
      async (baseUrl) => {
        const started = Date.now();
        const failure = await failureOf(
          clientFor(baseUrl, started + 300)
            .api('/groups/g/conversations')
            .get(),
        );
        expect(failure?.kind).toBe('timeout');
        expect(Date.now() - started).toBeLessThan(300 + DEADLINE_WINDOW_MS + 1_000);
      },
    );
  });

  test('past the deadline nothing is sent', async () => {
    const seen: Seen[] = [];
    await withServer(
      recordAnd(seen, (res) => answer(res, 200, {})),
      async (baseUrl) => {
        const failure = await failureOf(
          clientFor(baseUrl, Date.now() - 1)
            .api('/groups/g/conversations')
            .get(),
        );
        expect(failure?.kind).toBe('timeout');
      },
    );
    expect(seen).toEqual([]);
  });

  test('an answer cut off mid-body fails as a dropped connection (for a create: outcome unknown)', async () => {
    await withServer(
      (_req, res) => {
        res.writeHead(201, { 'Content-Type': 'application/json', 'Content-Length': '100' });
        res.write('{"id":"conv');
        setTimeout(() => res.socket?.destroy(), 20);
      },
      async (baseUrl) => {
        const failure = await failureOf(
          clientFor(baseUrl).api('/groups/g/conversations').post({ topic: 'x' }),
        );
        expect(failure?.kind).toBe('network');
      },
    );
  });

  test('a port nobody listens on fails as unreachable: nothing was sent', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise((resolve) => closed.close(resolve));
    const failure = await failureOf(
      clientFor(`http://127.0.0.1:${port}/v1.0`).api('/groups/g/conversations').get(),
    );
    expect(failure?.kind).toBe('unreachable');
  });

  test('over https the certificate is checked: a server Node does not trust never sees the request or the token', async () => {
    const seen: string[] = [];
    const server = createHttpsServer(
      {
        key: readFileSync(join(__dirname, '..', 'support', 'fixtures', 'loopback-tls.key.pem')),
        cert: readFileSync(join(__dirname, '..', 'support', 'fixtures', 'loopback-tls.cert.pem')),
      },
      (req, res) => {
        seen.push(String(req.headers.authorization));
        answer(res, 201, { id: 'conversation-1' });
      },
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const failure = await failureOf(
        clientFor(`https://127.0.0.1:${port}/v1.0`).api('/groups/g/conversations').post({ topic: 'x' }),
      );
      expect(failure?.kind).toBe('network');
      expect(seen).toEqual([]);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
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

interface Seen {
  method?: string;
  url?: string;
  authorization?: string;
  contentType?: string;
  body: string;
}

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

function recordAnd(seen: Seen[], reply: (res: ServerResponse) => void): Handler {
  return (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      seen.push({
        method: req.method,
        url: req.url,
        authorization: req.headers.authorization,
        contentType: req.headers['content-type'],
        body: Buffer.concat(chunks).toString('utf8'),
      });
      reply(res);
    });
  };
}

function answer(res: ServerResponse, status: number, body?: object): void {
  // Two calls, not a chain: restify (loaded by other tests in the same worker) patches writeHead to return
  // nothing.
  res.writeHead(status, body === undefined ? {} : { 'Content-Type': 'application/json' });
  res.end(body === undefined ? undefined : JSON.stringify(body));
}

async function withServer(
  handler: Handler,
  run: (baseUrl: string) => Promise<void>,
  onConnection: () => void = () => undefined,
): Promise<void> {
  const server = createServer(handler);
  server.on('connection', onConnection);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const { port } = server.address() as AddressInfo;
    await run(`http://127.0.0.1:${port}/v1.0`);
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
}

function clientFor(baseUrl: string, deadline = Date.now() + 5_000) {
  return createGraphClient({ baseUrl: new URL(baseUrl), token: 'token-1', deadline, maxRetries: 0 });
}

function failureOf(request: Promise<unknown>): Promise<GraphFailure | undefined> {
  return request.then(
    () => undefined,
    (error: unknown) => toGraphFailure(error),
  );
}
