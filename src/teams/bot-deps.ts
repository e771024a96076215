import type { Storage } from 'botbuilder';
import type { GraphTokenProvider } from '../auth/token-provider';
import type { DraftLedger } from '../conversations/ledger';
import type { Logger } from '../shared/logger';

/** What the Teams handlers need from the rest of the app, built once in app.ts. */
export interface BotDeps {
  graphBaseUrl: URL;
  tokens: GraphTokenProvider;
  ledger: DraftLedger;
  storage: Storage;
  logger: Logger;
  defaultGroupId?: string;
  connectionName?: string;
  invokeBudgetMs: number;
}
