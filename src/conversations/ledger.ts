import type { Storage } from 'botbuilder';
import type { Logger } from '../server/logger';
import type { ClaimStore } from '../storage/claims';
import type { Confirmation } from './confirmation';
import type { FinalOutcome, SubmitOutcome } from './outcome';

interface LedgerRecord {
  state: 'created';
  confirmation: Confirmation;
}

/**
 * Posts the draft. mayAlreadyExist: an earlier holder of this draft vanished mid-attempt, so its
 * conversation may exist already and must be looked for before posting.
 */
export type Work = (options: { mayAlreadyExist: boolean }) => Promise<FinalOutcome>;

export interface LedgerOptions {
  /** A claim older than this is assumed orphaned (its instance died mid-post) and may be taken over. */
  staleAfterMs: number;
}

/**
 * Makes creation idempotent per draft. In this process a double click or a Teams resend joins the attempt
 * already running; across processes and restarts an atomic claim lets one attempt post, and the stored
 * confirmation answers every later submit of the same draft.
 */
export class SubmissionLedger {
  private readonly inFlight = new Map<string, Promise<SubmitOutcome>>();

  constructor(
    private readonly storage: Storage,
    private readonly claims: ClaimStore,
    private readonly logger: Logger,
    private readonly options: LedgerOptions = { staleAfterMs: 120_000 },
  ) {}

  async run(key: string, waitMs: number, work: Work): Promise<SubmitOutcome> {
    const running = this.inFlight.get(key);
    if (running) return waitFor(running, waitMs);

    const confirmation = await this.confirmationOf(key);
    if (confirmation) return { status: 'created', confirmation };

    const joined = this.inFlight.get(key);
    if (joined) return waitFor(joined, waitMs);
    const attempt = this.start(key, work);
    return waitFor(attempt, waitMs);
  }

  /** The confirmation of a draft already posted, if any. */
  async confirmationOf(key: string): Promise<Confirmation | undefined> {
    const items = await this.storage.read([key]);
    return (items[key] as LedgerRecord | undefined)?.confirmation;
  }

  private start(key: string, work: Work): Promise<SubmitOutcome> {
    const attempt = (async (): Promise<FinalOutcome | undefined> => {
      // Another instance holds the draft: it will store the confirmation; this caller reports "posting".
      const claim = await this.claims.claim(key, this.options.staleAfterMs);
      if (claim === 'held') return undefined;
      const outcome = await work({ mayAlreadyExist: claim === 'tookOver' });
      if (outcome.status === 'created')
        await this.storage.write({
          [key]: { state: 'created', confirmation: outcome.confirmation, eTag: '*' },
        });
      else await this.claims.release(key);
      return outcome;
    })();
    const settled = attempt.then((outcome) => outcome ?? this.elsewhere(key));
    this.inFlight.set(key, settled);
    settled
      .catch(async (error: unknown) => {
        this.logger.error('submission.crashed', { error: error instanceof Error ? error.name : 'unknown' });
        await this.claims.release(key);
      })
      .finally(() => this.inFlight.delete(key));
    return settled;
  }

  /** Another instance (or an earlier process) holds the draft: its stored confirmation, else "posting". */
  private async elsewhere(key: string): Promise<SubmitOutcome> {
    const confirmation = await this.confirmationOf(key);
    return confirmation ? { status: 'created', confirmation } : { status: 'pending' };
  }
}

async function waitFor(attempt: Promise<SubmitOutcome>, waitMs: number): Promise<SubmitOutcome> {
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
