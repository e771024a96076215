/**
 * A Graph stand-in with Outlook's per-mailbox concurrency limit: an HTTP proxy in front of the Graph sandbox
 * that answers 429 "Application is over its MailboxConcurrency limit." (with Retry-After) to a request on a
 * group mailbox (its conversations or threads) while `limit` others to that mailbox are in flight, as Outlook
 * does (https://learn.microsoft.com/graph/throttling-limits#outlook-service-limits). It records the peak
 * number in flight per mailbox. Used by the bench's burst scenario and by test/http/mailbox-queue.test.ts.
 */
import { Agent, createServer, type IncomingMessage, request, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface MailboxLimitOptions {
  /** The sandbox's origin, e.g. http://127.0.0.1:4567 (paths are passed through unchanged). */
  target: string;
  /** Default 4, Outlook's documented limit. */
  limit?: number;
  retryAfterSeconds?: number;
}

export interface MailboxLimit {
  /** Point the bot's GRAPH_BASE_URL here instead of at the sandbox. */
  readonly baseUrl: string;
  /** Highest number of requests in flight at once on any one mailbox. */
  readonly peakInFlight: number;
  /** Requests answered 429 by the limit (they never reached the sandbox). */
  readonly throttled: number;
  /** Requests on a mailbox that reached the sandbox. */
  readonly passed: number;
  reset(): void;
  close(): Promise<void>;
}

const MAILBOX_PATH = /^\/(?:v1\.0|beta)\/groups\/([^/?]+)\/(?:conversations|threads)/i;

export async function startMailboxLimit(options: MailboxLimitOptions): Promise<MailboxLimit> {
  const limit = options.limit ?? 4;
  const retryAfter = String(options.retryAfterSeconds ?? 1);
  const target = new URL(options.target);
  const agent = new Agent({ keepAlive: true });
  const inFlight = new Map<string, number>();
  let peakInFlight = 0;
  let throttled = 0;
  let passed = 0;

  const forward = (req: IncomingMessage, res: ServerResponse, done: () => void): void => {
    const upstream = request(
      {
        host: target.hostname,
        port: target.port,
        method: req.method,
        path: req.url,
        // The client's Host stays: the sandbox builds @odata.nextLink from it, so links lead back here.
        headers: req.headers,
        agent,
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
        answer.once('end', done);
        answer.once('error', done);
      },
    );
    upstream.once('error', () => {
      done();
      res.destroy();
    });
    req.pipe(upstream);
  };

  const server = createServer((req, res) => {
    const mailbox = MAILBOX_PATH.exec(req.url ?? '')?.[1]?.toLowerCase();
    if (!mailbox) return forward(req, res, () => {});
    const running = inFlight.get(mailbox) ?? 0;
    if (running >= limit) {
      throttled += 1;
      req.resume();
      const body = JSON.stringify({
        error: {
          code: 'ApplicationThrottled',
          message: 'Application is over its MailboxConcurrency limit.',
        },
      });
      res.writeHead(429, { 'Content-Type': 'application/json', 'Retry-After': retryAfter });
      res.end(body);
      return;
    }
    inFlight.set(mailbox, running + 1);
    peakInFlight = Math.max(peakInFlight, running + 1);
    passed += 1;
    let finished = false;
    forward(req, res, () => {
      if (finished) return;
      finished = true;
      const left = (inFlight.get(mailbox) ?? 1) - 1;
      if (left === 0) inFlight.delete(mailbox);
      else inFlight.set(mailbox, left);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    baseUrl: `http://127.0.0.1:${port}/v1.0`,
    get peakInFlight() {
      return peakInFlight;
    },
    get throttled() {
      return throttled;
    },
    get passed() {
      return passed;
    },
    reset() {
      peakInFlight = 0;
      throttled = 0;
      passed = 0;
    },
    close() {
      agent.destroy();
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
