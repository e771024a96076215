import { setMaxListeners } from 'node:events';
import type { OutgoingHttpHeaders } from 'node:http';
import { type Context, GraphClientError, type Middleware } from '@microsoft/microsoft-graph-client';
import { sendGraphRequest } from './http-send';

/**
 * Why a request got no HTTP answer. A GraphClientError subclass because the SDK rethrows those untouched,
 * where any other error is flattened into a GraphError that no longer says whether anything was sent.
 */
export class GraphTransportError extends GraphClientError {
  constructor(readonly reason: 'timeout' | 'refused' | 'dropped') {
    super(`Graph request ${reason}`);
    // GraphClientError pins its own prototype, which would make `instanceof GraphTransportError` false.
    Object.setPrototypeOf(this, GraphTransportError.prototype);
    this.name = 'GraphTransportError';
  }
}

/** Connection errors that prove the request never left: the socket was never connected. */
const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

/** Deadlines within one such window share a signal, which fires at the window's end. */
export const DEADLINE_WINDOW_MS = 100;

/**
 * Timeout signals shared by the requests whose deadlines fall in the same 100 ms window. A timeout signal
 * keeps its timer until it fires however soon the request ended: one per request meant thousands alive
 * under load, for 25 s after a submit (docs/performance.md, "Memory"). One per window is a few hundred at
 * most. A request is cut off at most 100 ms after its own deadline, well inside the margin between an
 * attempt's deadline and its claim's expiry (submit-draft.ts).
 */
export class DeadlineSignals {
  private readonly signals = new Map<number, AbortSignal>();

  constructor(private readonly now: () => number = Date.now) {}

  /** The signal that fires at the end of the window `deadline` falls in. */
  until(deadline: number): AbortSignal {
    const now = this.now();
    this.forgetFired(now);
    const at = Math.ceil(deadline / DEADLINE_WINDOW_MS) * DEADLINE_WINDOW_MS;
    let signal = this.signals.get(at);
    if (signal === undefined) {
      signal = AbortSignal.timeout(Math.max(0, at - now));
      // Every request in flight in the window listens to it: more than Node's default of 10 is expected,
      // not a leak (each request removes its listener when it ends).
      setMaxListeners(0, signal);
      this.signals.set(at, signal);
    }
    return signal;
  }

  /** Windows in the order they were first asked for, which is mostly the order they end in. */
  private forgetFired(now: number): void {
    for (const at of this.signals.keys()) {
      if (at > now) return;
      this.signals.delete(at);
    }
  }

  get size(): number {
    return this.signals.size;
  }
}

const sharedSignals = new DeadlineSignals();

/**
 * The end of the SDK's middleware chain: sends the request itself (graph/http-send.ts) where the SDK's
 * HTTPMessageHandler would call fetch, as the SDK documents for a custom chain: one's own HTTP message
 * handler, last, sets the response in the context
 * (https://github.com/microsoftgraph/msgraph-sdk-javascript/blob/dev/docs/CustomMiddlewareChain.md).
 * Every attempt ends by the caller's deadline, so no Graph request can outlast a Teams invoke (the SDK sets
 * no timeout: a hung connection would wait for the OS).
 *
 * Why not fetch: undici's fetch cost ~250 µs of CPU per Graph request here, node:http plus the Response
 * the SDK reads ~115 µs (decision 31, docs/performance.md). And no redirect is followed: Graph documents
 * one only for file content (302 to a pre-authenticated download URL,
 * https://learn.microsoft.com/graph/api/driveitem-get-content), which we never read; following one would
 * send the user's token, and re-POST a create's body on a 307/308
 * (https://fetch.spec.whatwg.org/#http-redirect-fetch), to wherever a Location points. A 3xx therefore
 * fails as a dropped connection.
 */
export class DeadlineTransportHandler implements Middleware {
  constructor(
    private readonly deadline: number,
    private readonly signals: DeadlineSignals = sharedSignals,
  ) {}

  async execute(context: Context): Promise<void> {
    if (this.deadline <= Date.now()) throw new GraphTransportError('timeout');
    const signal = this.signals.until(this.deadline);
    const options = context.options ?? {};
    const url = new URL(requestUrl(context.request));
    const request = {
      method: options.method ?? 'GET',
      headers: outgoingHeaders(options.headers),
      body: requestBody(options.body),
      signal,
    };
    let response: Response;
    try {
      response = await sendGraphRequest(url, request);
    } catch (error) {
      throw classify(error, signal);
    }
    if (response.status >= 300 && response.status < 400) throw new GraphTransportError('dropped');
    context.response = response;
  }
}

function classify(error: unknown, signal: AbortSignal): GraphTransportError {
  if (signal.aborted) return new GraphTransportError('timeout');
  const code = (error as { code?: unknown } | undefined)?.code;
  if (typeof code === 'string' && NOT_SENT.has(code)) return new GraphTransportError('refused');
  return new GraphTransportError('dropped');
}

/** The SDK always hands over the URL as a string (GraphRequest.send); a Request would carry its own body. */
function requestUrl(request: Context['request']): string {
  if (typeof request !== 'string') throw new TypeError('Graph requests are sent from a URL, not a Request');
  return request;
}

/**
 * The SDK's headers are a plain object (bearer-token.ts keeps them one); any other shape is read as fetch
 * would read it.
 */
function outgoingHeaders(headers: RequestInit['headers']): OutgoingHttpHeaders {
  const outgoing: OutgoingHttpHeaders = {};
  if (headers === undefined) return outgoing;
  const entries =
    Array.isArray(headers) || headers instanceof Headers ? new Headers(headers) : Object.entries(headers);
  for (const [name, value] of entries) outgoing[name] = typeof value === 'string' ? value : [...value];
  return outgoing;
}

/** What GraphRequest serialises: JSON text for our calls; bytes are passed as they are. */
function requestBody(body: RequestInit['body']): string | Uint8Array | undefined {
  if (body === undefined || body === null) return undefined;
  if (typeof body === 'string' || body instanceof Uint8Array) return body;
  throw new TypeError('Graph request bodies are JSON text or bytes');
}
