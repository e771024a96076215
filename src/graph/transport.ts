import { type Context, GraphClientError, type Middleware } from '@microsoft/microsoft-graph-client';

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

/** Connection errors that prove the request never left (undici puts the socket error code in `cause`). */
const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

/** Deadlines within one such window share a signal, which fires at the window's end. */
export const DEADLINE_WINDOW_MS = 100;

/**
 * Timeout signals shared by the requests whose deadlines fall in the same 100 ms window. A timeout signal
 * keeps its timer until it fires however soon the request ended, and itself too while fetch's listener is
 * on it (until a collection finds the request gone): one per request meant thousands alive under load, for
 * 25 s after a submit (docs/performance.md, "Memory"). One per window is a few hundred at most. A request
 * is cut off at most 100 ms after its own deadline, well inside the margin between an attempt's deadline
 * and its claim's expiry (submit-draft.ts).
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
 * Gives every attempt an AbortSignal that fires at the caller's deadline, so no single Graph request can
 * outlast a Teams invoke (the SDK sets none: a hung connection would wait for the OS timeout).
 */
export class DeadlineTransportHandler implements Middleware {
  private next: Middleware | undefined;

  constructor(
    private readonly deadline: number,
    private readonly signals: DeadlineSignals = sharedSignals,
  ) {}

  setNext(next: Middleware): void {
    this.next = next;
  }

  async execute(context: Context): Promise<void> {
    if (!this.next) throw new Error('DeadlineTransportHandler must not be the last middleware');
    if (this.deadline <= Date.now()) throw new GraphTransportError('timeout');
    const signal = this.signals.until(this.deadline);
    // Graph documents a redirect only for file content (302 to a pre-authenticated download URL,
    // https://learn.microsoft.com/graph/api/driveitem-get-content), which we never read; the pages of the calls
    // we make (group-post-conversations, group-list-conversations, json-batching, user-get) answer directly.
    // Not following one keeps the user's token and a create's body from being re-sent to wherever a Location
    // points (fetch re-POSTs on a 307/308, https://fetch.spec.whatwg.org/#http-redirect-fetch), and spares
    // undici the request clone and body tee it makes for every request that may be redirected
    // (docs/performance.md). A redirect fails as a dropped connection.
    context.options = { ...(context.options ?? {}), signal, redirect: 'error' };
    try {
      await this.next.execute(context);
    } catch (error) {
      throw classify(error, signal);
    }
  }
}

function classify(error: unknown, signal: AbortSignal): unknown {
  if (error instanceof GraphClientError) return error;
  if (signal.aborted) return new GraphTransportError('timeout');
  const code = (error as { cause?: { code?: unknown } } | undefined)?.cause?.code;
  if (typeof code === 'string' && NOT_SENT.has(code)) return new GraphTransportError('refused');
  if (error instanceof TypeError) return new GraphTransportError('dropped');
  return error;
}
