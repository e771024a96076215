/**
 * A local, in-memory, Graph-compatible HTTP server for development and tests. See sandbox/README.md for the
 * behaviour it reproduces and the choices it makes where Graph is vague.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ADMIN_PREFIX, CORS_HEADERS, handleAdminRequest, type SandboxControls } from './admin';
import { DEMO_TENANT, type SandboxTenant } from './demo-tenant';
import { GraphError, type RequestIds } from './errors';
import { FaultQueue, type FaultSpec, type LatencyRule, LatencyRules, type PendingFault } from './faults';
import { bodyForRecord, errorResponse, handleGraphRequest, redactHeaders, withFault } from './pipeline';
import type { GraphResponse } from './routes/types';
import { type RecordedRequest, SandboxStore, type StoredConversation } from './store';

export { DEMO_TENANT, type DemoTenant, type SandboxTenant } from './demo-tenant';
export type {
  ClaimsChallengeFault,
  FaultSpec,
  LatencyRule,
  PendingFault,
  ResetFault,
  StatusFault,
} from './faults';
export type { RecordedRequest, StoredConversation, StoredPost, StoredThread } from './store';
export { mintSandboxToken, type SandboxTokenClaims } from './tokens';

export interface GraphSandboxOptions {
  /** Default 127.0.0.1: the sandbox accepts any well-formed token, so it must not be reachable from outside. */
  readonly host?: string;
  /** Default 0: an ephemeral port, so parallel test files do not collide. */
  readonly port?: number;
  /** Default DEMO_TENANT. Deep-copied: the sandbox never changes the caller's object. */
  readonly tenant?: SandboxTenant;
}

export interface GraphSandbox {
  readonly origin: string;
  readonly baseUrl: string;
  /** Every Graph request (admin ones excluded) in arrival order; $batch sub-requests follow their batch. */
  readonly requests: readonly RecordedRequest[];
  /** Copies of the stored conversations, optionally of one group. */
  conversations(groupId?: string): StoredConversation[];
  /**
   * Fault the next `count` matching requests (see FaultSpec and sandbox/README.md). Throws RangeError on
   * nonsense: an unknown property, a wrong type or an impossible combination.
   */
  failNext(count: number, fault: FaultSpec): void;
  /** Faults not yet used up, oldest first, with how many matches each still has. */
  pendingFaults(): PendingFault[];
  clearFaults(): void;
  /** Delay answers to requests whose path contains `path` (all when absent); 0 removes the rule. */
  setLatency(ms: number, path?: string): void;
  reset(): void;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 4 * 1024 * 1024;

class BodyTooLarge extends Error {}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buffer.length;
    if (size > MAX_BODY_BYTES) throw new BodyTooLarge();
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function lowerCaseHeaders(req: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}

function send(res: ServerResponse, response: GraphResponse, extraHeaders: Record<string, string>): void {
  if (res.destroyed || res.writableEnded) return;
  const payload = response.body === undefined ? '' : JSON.stringify(response.body);
  const headers: Record<string, string> = {
    ...extraHeaders,
    ...response.headers,
    Date: new Date().toUTCString(),
  };
  if (response.body !== undefined) headers['Content-Type'] = 'application/json';
  headers['Content-Length'] = String(Buffer.byteLength(payload));
  res.writeHead(response.status, headers);
  res.end(payload);
}

class Sandbox implements GraphSandbox, SandboxControls {
  readonly baseUrl: string;
  private readonly faults = new FaultQueue();
  private readonly latency = new LatencyRules();
  private readonly timers = new Map<NodeJS.Timeout, () => void>();

  constructor(
    private readonly server: Server,
    private readonly store: SandboxStore,
    readonly origin: string,
  ) {
    this.baseUrl = `${origin}/v1.0`;
  }

  get requests(): readonly RecordedRequest[] {
    return this.store.requests;
  }

  conversations(groupId?: string): StoredConversation[] {
    return structuredClone(this.store.conversationsOf(groupId));
  }

  failNext(count: number, fault: FaultSpec): void {
    this.faults.add(count, fault);
  }

  clearFaults(): void {
    this.faults.clear();
  }

  pendingFaults(): PendingFault[] {
    return this.faults.list();
  }

  setLatency(ms: number, path?: string): void {
    this.latency.set(ms, path);
  }

  latencyRules(): LatencyRule[] {
    return this.latency.list();
  }

  reset(): void {
    this.store.reset();
    this.faults.clear();
    this.latency.clear();
  }

  async close(): Promise<void> {
    // Release delayed answers at once so close() does not wait for them (their sockets are gone anyway).
    for (const [timer, release] of this.timers) {
      clearTimeout(timer);
      release();
    }
    this.timers.clear();
    const closed = new Promise<void>((resolve, reject) =>
      this.server.close((e) => (e ? reject(e) : resolve())),
    );
    this.server.closeAllConnections();
    await closed;
  }

  private delay(ms: number): Promise<void> {
    if (ms <= 0) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        resolve();
      }, ms);
      this.timers.set(timer, resolve);
    });
  }

  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = (req.method ?? 'GET').toUpperCase();
    const rawPath = req.url ?? '/';
    const headers = lowerCaseHeaders(req);
    const ids: RequestIds = {
      requestId: randomUUID(),
      clientRequestId: headers['client-request-id'] ?? randomUUID(),
    };
    const idHeaders = { 'request-id': ids.requestId, 'client-request-id': ids.clientRequestId };
    let rawBody: string;
    try {
      rawBody = await readBody(req);
    } catch (error) {
      if (!(error instanceof BodyTooLarge)) throw error;
      const tooLarge = new GraphError(413, 'RequestEntityTooLarge', 'The request body is too large.');
      send(res, errorResponse(tooLarge, ids), idHeaders);
      return;
    }
    const url = new URL(rawPath, 'http://sandbox.invalid');
    if (url.pathname === ADMIN_PREFIX || url.pathname.startsWith(`${ADMIN_PREFIX}/`)) {
      const response =
        method === 'OPTIONS'
          ? { status: 204 }
          : handleAdminRequest(this, method, url, bodyForRecord(rawBody));
      send(res, response, { ...idHeaders, ...CORS_HEADERS });
      return;
    }
    const record: RecordedRequest = {
      method,
      path: rawPath,
      headers: redactHeaders(headers),
      body: bodyForRecord(rawBody),
      viaBatch: false,
      status: 0,
    };
    this.store.requests.push(record);
    // Decide fault and do the work at arrival, delay only the answer: like a Graph that committed a change
    // but answered too late, which is what a caller's timeout and retry logic must cope with.
    const fault = this.faults.take(rawPath, 'request');
    const wait = this.latency.delayFor(rawPath);
    const origin = headers.host ? `http://${headers.host}` : this.origin;
    const response = withFault(fault, ids, () =>
      handleGraphRequest({ method, rawPath, headers, rawBody, origin, ids }, this.store, record, (url) =>
        this.faults.take(url, 'batchItem'),
      ),
    );
    record.status = response.status;
    await this.delay(wait);
    if (fault?.reset) {
      record.dropped = true;
      req.socket.destroy();
      return;
    }
    send(res, response, idHeaders);
  }
}

export async function startGraphSandbox(options: GraphSandboxOptions = {}): Promise<GraphSandbox> {
  const host = options.host ?? '127.0.0.1';
  const store = new SandboxStore(options.tenant ?? DEMO_TENANT);
  let sandbox: Sandbox | undefined;
  const server = createServer((req, res) => {
    sandbox?.handle(req, res).catch(() => {
      // A bug in a handler must still answer, in Graph's shape, and never print the request (it has a token).
      const ids = { requestId: randomUUID(), clientRequestId: randomUUID() };
      const failure = new GraphError(
        500,
        'InternalServerError',
        'The sandbox failed to process the request.',
      );
      send(res, errorResponse(failure, ids), {
        'request-id': ids.requestId,
        'client-request-id': ids.clientRequestId,
      });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const origin = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  sandbox = new Sandbox(server, store, origin);
  return sandbox;
}
