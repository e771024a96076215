import type { Storage } from 'botbuilder';
import type { GraphTokenProvider } from '../auth/token-provider';
import type { SubmissionLedger } from '../conversations/ledger';
import type { Logger } from '../server/logger';

/** What the Teams handlers need from the rest of the app, built once in app.ts. */
export interface BotDeps {
  graphBaseUrl: URL;
  tokens: GraphTokenProvider;
  ledger: SubmissionLedger;
  storage: Storage;
  logger: Logger;
  defaultGroupId?: string;
  connectionName?: string;
  invokeBudgetMs: number;
}
