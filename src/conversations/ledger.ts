import type { Storage } from 'botbuilder';
import type { Logger } from '../server/logger';
import type { Confirmation } from './confirmation';
import type { FinalOutcome, SubmitOutcome } from './outcome';

interface LedgerRecord {
  state: 'pending' | 'created';
  startedAt: string;
  confirmation?: Confirmation;
}

export interface LedgerOptions {
  /** A pending record older than this is assumed orphaned (its instance died) and may be retried. */
  staleAfterMs: number;
}

/**
 * Makes creation idempotent per draft: a double click, a Teams resend or a concurrent submit of the same
 * draft joins the first attempt instead of posting again. Successful results are kept in the bot's
 * storage, so with a persistent store a resubmit after a restart answers the same confirmation (with the
 * default in-memory store that guarantee ends with the process: see docs/architecture.md).
 */
export class SubmissionLedger {
  private readonly inFlight = new Map<string, Promise<FinalOutcome>>();

  constructor(
    private readonly storage: Storage,
    private readonly logger: Logger,
    private readonly options: LedgerOptions = { staleAfterMs: 120_000 },
  ) {}

  async run(key: string, waitMs: number, work: () => Promise<FinalOutcome>): Promise<SubmitOutcome> {
    const running = this.inFlight.get(key);
    if (running) return waitFor(running, waitMs);

    const record = await this.read(key);
    if (record?.state === 'created' && record.confirmation)
      return { status: 'created', confirmation: record.confirmation };
    if (record?.state === 'pending' && !this.isStale(record)) return { status: 'pending' };
    // A second caller may have started while we read storage.
    const raced = this.inFlight.get(key);
    if (raced) return waitFor(raced, waitMs);

    const attempt = this.start(key, work);
    return waitFor(attempt, waitMs);
  }

  /** The confirmation of a draft already posted, if any. */
  async confirmationOf(key: string): Promise<Confirmation | undefined> {
    const record = await this.read(key);
    return record?.state === 'created' ? record.confirmation : undefined;
  }

  private start(key: string, work: () => Promise<FinalOutcome>): Promise<FinalOutcome> {
    const attempt = (async (): Promise<FinalOutcome> => {
      await this.write(key, { state: 'pending', startedAt: new Date().toISOString() });
      const outcome = await work();
      if (outcome.status === 'created')
        await this.write(key, {
          state: 'created',
          startedAt: outcome.confirmation.createdAt,
          confirmation: outcome.confirmation,
        });
      else await this.storage.delete([key]);
      return outcome;
    })();
    this.inFlight.set(key, attempt);
    attempt
      .catch((error: unknown) => {
        this.logger.error('submission.crashed', { error: error instanceof Error ? error.name : 'unknown' });
        return this.storage.delete([key]);
      })
      .finally(() => this.inFlight.delete(key));
    return attempt;
  }

  private isStale(record: LedgerRecord): boolean {
    return Date.now() - Date.parse(record.startedAt) > this.options.staleAfterMs;
  }

  private async read(key: string): Promise<LedgerRecord | undefined> {
    const items = await this.storage.read([key]);
    return items[key] as LedgerRecord | undefined;
  }

  private async write(key: string, record: LedgerRecord): Promise<void> {
    await this.storage.write({ [key]: { ...record, eTag: '*' } });
  }
}

async function waitFor(attempt: Promise<FinalOutcome>, waitMs: number): Promise<SubmitOutcome> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<SubmitOutcome>((resolve) => {
    timer = setTimeout(() => resolve({ status: 'pending' }), waitMs);
  });
  try {
    return await Promise.race([attempt, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
