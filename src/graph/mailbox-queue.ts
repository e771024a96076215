/**
 * Outlook runs at most 4 concurrent requests per app and mailbox and answers the fifth with 429
 * ("Application is over its MailboxConcurrency limit"):
 * https://learn.microsoft.com/graph/throttling-limits#outlook-service-limits. A group's conversations live
 * in the group's mailbox, so a burst of submits to one group would turn into a 429 storm and retries. This
 * queue lets at most `limit` of our requests to one mailbox run at a time in this process; the others wait
 * their turn, first come first served, until their caller's deadline.
 */

/** Outlook's documented concurrency limit per app and mailbox. */
export const MAILBOX_CONCURRENCY = 4;

/** A request that did not get a turn on its mailbox before its deadline. Nothing was sent. */
export class MailboxQueueTimeout extends Error {
  override readonly name = 'MailboxQueueTimeout';
  constructor(
    readonly mailbox: string,
    readonly waitedMs: number,
  ) {
    super(`No turn on mailbox ${mailbox} within ${waitedMs} ms`);
  }
}

interface Waiter {
  resolve(): void;
  timer: NodeJS.Timeout;
}

interface Mailbox {
  inFlight: number;
  waiting: Waiter[];
}

export class MailboxQueue {
  /** Only mailboxes with requests in flight or waiting: an idle mailbox costs nothing. */
  private readonly mailboxes = new Map<string, Mailbox>();

  constructor(private readonly limit: number = MAILBOX_CONCURRENCY) {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`limit must be ≥ 1, got ${limit}`);
  }

  /**
   * Runs `work` once fewer than `limit` requests to `mailbox` are in flight. Throws MailboxQueueTimeout
   * (and never runs `work`) when no turn comes before `startBy` (epoch ms). `onWait` runs only when the
   * request has to queue, while it keeps its place.
   */
  async run<T>(
    mailbox: string,
    startBy: number,
    work: () => Promise<T>,
    onWait?: () => Promise<void>,
  ): Promise<T> {
    const turn = this.acquire(mailbox, startBy);
    // The turn may time out while onWait runs: handled here, rethrown by the await below.
    turn.ready.catch(() => undefined);
    if (turn.queued && onWait) {
      try {
        await onWait();
      } catch (error) {
        // The caller gives up at once; its turn, when it comes, goes straight to the next in line.
        void turn.ready.then(
          () => this.release(mailbox),
          () => undefined,
        );
        throw error;
      }
    }
    await turn.ready;
    try {
      return await work();
    } finally {
      this.release(mailbox);
    }
  }

  /** Requests of `mailbox` running now, and waiting for a turn. */
  stateOf(mailbox: string): { inFlight: number; waiting: number } {
    const state = this.mailboxes.get(mailbox);
    return { inFlight: state?.inFlight ?? 0, waiting: state?.waiting.length ?? 0 };
  }

  private acquire(mailbox: string, startBy: number): { ready: Promise<void>; queued: boolean } {
    const queuedAt = Date.now();
    if (queuedAt >= startBy)
      return { ready: Promise.reject(new MailboxQueueTimeout(mailbox, 0)), queued: false };
    const state = this.mailboxes.get(mailbox) ?? { inFlight: 0, waiting: [] };
    this.mailboxes.set(mailbox, state);
    if (state.inFlight < this.limit && state.waiting.length === 0) {
      state.inFlight += 1;
      return { ready: Promise.resolve(), queued: false };
    }
    const ready = new Promise<void>((resolve, reject) => {
      const waiter: Waiter = {
        resolve,
        timer: setTimeout(() => {
          state.waiting.splice(state.waiting.indexOf(waiter), 1);
          this.forgetIfIdle(mailbox, state);
          reject(new MailboxQueueTimeout(mailbox, Date.now() - queuedAt));
        }, startBy - queuedAt),
      };
      state.waiting.push(waiter);
    });
    return { ready, queued: true };
  }

  /** A finished request hands its turn straight to the next waiter, so none can overtake the queue. */
  private release(mailbox: string): void {
    const state = this.mailboxes.get(mailbox);
    if (!state) return;
    const next = state.waiting.shift();
    if (next) {
      clearTimeout(next.timer);
      next.resolve();
      return;
    }
    state.inFlight -= 1;
    this.forgetIfIdle(mailbox, state);
  }

  private forgetIfIdle(mailbox: string, state: Mailbox): void {
    if (state.inFlight === 0 && state.waiting.length === 0) this.mailboxes.delete(mailbox);
  }
}

/**
 * The process's queue. Outlook counts per app id, and every user of this bot is the same app, so the turns
 * are shared by all users and turns of this process (other instances have their own: see
 * docs/performance.md).
 */
export const mailboxQueue = new MailboxQueue();
