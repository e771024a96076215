import { MemoryStorage, type Storage } from 'botbuilder';

/**
 * The bot's state store (SSO dedupe, submission ledger, welcome marks). In-memory for now: correct for one
 * instance; a shared store is required before scaling out (see docs/architecture.md).
 */
export function createStorage(): Storage {
  return new MemoryStorage();
}
