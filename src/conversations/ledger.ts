import type { Storage } from 'botbuilder';
import type { Logger } from '../shared/logger';
import type { ClaimStore } from '../storage/claims';
import { oneStoreItem } from '../storage/store-items';
import type { DraftRecord } from './draft-record';

/**
 * The ledger keeps drafts of conversations (DraftRecord) and of replies (reply-record.ts): any JSON record
 * whose key names what it is. The record type is the caller's; the ledger only stores and serialises.
 */
export interface AttemptContext<R = DraftRecord> {
  /** Stores an intermediate state (e.g. "posting") before a Graph write, so a crash leaves a trace. */
  save(record: R): Promise<void>;
}

/** One step on a draft: gets the stored record (read under the claim) and returns the record to store. */
export type AttemptStep<R = DraftRecord> = (current: R | undefined, context: AttemptContext<R>) => Promise<R>;

export type AttemptResult<R = DraftRecord> = { status: 'done'; record: R } | { status: 'busy' };

export interface LedgerOptions {
  /**
   * A claim older than this is taken over: its holder died. It must exceed the longest attempt (every
   * Graph request ends by the submit's work deadline, see submit-draft.ts), so a live attempt is never
   * taken over.
   */
  staleAfterMs: number;
}

/**
 * The one place a draft's state changes. In this process a double click or a Teams resend joins the
 * attempt already running; across processes and restarts an atomic claim lets one attempt at a time read
 * and write the draft's record. Authorship is a second claim that is never released: the first valid
 * submit of a draft makes its sender the author, for good.
 */
export class DraftLedger {
  private readonly inFlight = new Map<string, Promise<unknown>>();

  constructor(
    private readonly storage: Storage,
    private readonly claims: ClaimStore,
    private readonly options: LedgerOptions = { staleAfterMs: 120_000 },
  ) {}

  async read<R extends object = DraftRecord>(key: string): Promise<R | undefined> {
    const items = await this.storage.read([key]);
    const stored = items[key] as (R & { eTag?: string }) | undefined;
    if (!stored) return undefined;
    const { eTag: _eTag, ...record } = stored;
    // Only this ledger writes under its keys, always an R (plus the eTag taken off above).
    return record as R;
  }

  /** The draft's author: the first user to claim it, ever (a double click of theirs claims it again). */
  claimAuthorship(key: string, userKey: string): Promise<string> {
    return this.claims.claimFor(`author/${key}`, userKey);
  }

  /**
   * Runs `step` once no other attempt holds the draft; waits at most waitMs for it to finish. `logger` is
   * the starting turn's: a crash after the turn answered still names that turn.
   */
  async attempt<R extends object = DraftRecord>(
    key: string,
    waitMs: number,
    step: AttemptStep<R>,
    logger: Logger,
  ): Promise<AttemptResult<R>> {
    // A key holds one kind of record, so whatever runs under it resolves to an R.
    const running =
      (this.inFlight.get(key) as Promise<R | undefined> | undefined) ?? this.start(key, step, logger);
    const record = await waitFor(running, waitMs);
    return record ? { status: 'done', record } : { status: 'busy' };
  }

  private start<R extends object>(key: string, step: AttemptStep<R>, logger: Logger): Promise<R | undefined> {
    const claimKey = `attempt/${key}`;
    const run = (async (): Promise<R | undefined> => {
      if ((await this.claims.claim(claimKey, this.options.staleAfterMs)) === 'held') return undefined;
      try {
        const record = await step(await this.read<R>(key), { save: (next) => this.write(key, next) });
        await this.write(key, record);
        return record;
      } finally {
        await this.claims.release(claimKey);
      }
    })();
    this.inFlight.set(key, run);
    run
      .catch((error: unknown) =>
        logger.error('draft.attempt_crashed', {
          error: error instanceof Error ? error.name : 'unknown',
        }),
      )
      .finally(() => this.inFlight.delete(key));
    return run;
  }

  private async write(key: string, record: object): Promise<void> {
    await this.storage.write(oneStoreItem(key, { ...record, eTag: '*' }));
  }
}

/**
 * The attempt's record, or undefined when it is held elsewhere, outlasts the wait (it goes on), or
 * crashed (logged above; the record it left says "posting", which the next check treats as unknown).
 */
async function waitFor<R>(attempt: Promise<R | undefined>, waitMs: number): Promise<R | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), waitMs);
  });
  try {
    return await Promise.race([attempt.catch(() => undefined), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
