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

/**
 * Gives every attempt an AbortSignal that fires at the caller's deadline, so no single Graph request can
 * outlast a Teams invoke (the SDK sets none: a hung connection would wait for the OS timeout).
 */
export class DeadlineTransportHandler implements Middleware {
  private next: Middleware | undefined;

  constructor(private readonly deadline: number) {}

  setNext(next: Middleware): void {
    this.next = next;
  }

  async execute(context: Context): Promise<void> {
    if (!this.next) throw new Error('DeadlineTransportHandler must not be the last middleware');
    const remaining = this.deadline - Date.now();
    if (remaining <= 0) throw new GraphTransportError('timeout');
    const signal = AbortSignal.timeout(remaining);
    context.options = { ...(context.options ?? {}), signal };
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
