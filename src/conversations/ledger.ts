import type { Storage } from 'botbuilder';
import type { Logger } from '../shared/logger';
import type { ClaimStore } from '../storage/claims';
import type { DraftRecord } from './draft-record';

export interface AttemptContext {
  /** Stores an intermediate state (e.g. "posting") before a Graph write, so a crash leaves a trace. */
  save(record: DraftRecord): Promise<void>;
}

/** One step on a draft: gets the stored record (read under the claim) and returns the record to store. */
export type AttemptStep = (current: DraftRecord | undefined, context: AttemptContext) => Promise<DraftRecord>;

export type AttemptResult = { status: 'done'; record: DraftRecord } | { status: 'busy' };

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
  private readonly inFlight = new Map<string, Promise<DraftRecord | undefined>>();

  constructor(
    private readonly storage: Storage,
    private readonly claims: ClaimStore,
    private readonly logger: Logger,
    private readonly options: LedgerOptions = { staleAfterMs: 120_000 },
  ) {}

  async read(key: string): Promise<DraftRecord | undefined> {
    const items = await this.storage.read([key]);
    const stored = items[key] as (DraftRecord & { eTag?: string }) | undefined;
    if (!stored) return undefined;
    const { eTag: _eTag, ...record } = stored;
    return record;
  }

  /** The draft's author: the first user to claim it, ever (a double click of theirs claims it again). */
  claimAuthorship(key: string, userKey: string): Promise<string> {
    return this.claims.claimFor(`author/${key}`, userKey);
  }

  /** Runs `step` once no other attempt holds the draft; waits at most waitMs for it to finish. */
  async attempt(key: string, waitMs: number, step: AttemptStep): Promise<AttemptResult> {
    const running = this.inFlight.get(key) ?? this.start(key, step);
    const record = await waitFor(running, waitMs);
    return record ? { status: 'done', record } : { status: 'busy' };
  }

  private start(key: string, step: AttemptStep): Promise<DraftRecord | undefined> {
    const claimKey = `attempt/${key}`;
    const run = (async (): Promise<DraftRecord | undefined> => {
      if ((await this.claims.claim(claimKey, this.options.staleAfterMs)) === 'held') return undefined;
      try {
        const record = await step(await this.read(key), { save: (next) => this.write(key, next) });
        await this.write(key, record);
        return record;
      } finally {
        await this.claims.release(claimKey);
      }
    })();
    this.inFlight.set(key, run);
    run
      .catch((error: unknown) =>
        this.logger.error('draft.attempt_crashed', {
          error: error instanceof Error ? error.name : 'unknown',
        }),
      )
      .finally(() => this.inFlight.delete(key));
    return run;
  }

  private async write(key: string, record: DraftRecord): Promise<void> {
    await this.storage.write({ [key]: { ...record, eTag: '*' } });
  }
}

/**
 * The attempt's record, or undefined when it is held elsewhere, outlasts the wait (it goes on), or
 * crashed (logged above; the record it left says "posting", which the next check treats as unknown).
 */
async function waitFor(
  attempt: Promise<DraftRecord | undefined>,
  waitMs: number,
): Promise<DraftRecord | undefined> {
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
