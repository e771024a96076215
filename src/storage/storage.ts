import { MemoryStorage, type Storage } from 'botbuilder';
import { BlobsStorage } from 'botbuilder-azure-blobs';
import { BlobClaimStore, type ClaimStore, MemoryClaimStore } from './claims';

export interface StorageSettings {
  /** Azure Storage connection string; absent means in-process memory. */
  connectionString?: string;
  container: string;
}

/**
 * The bot's state: SSO exchange dedupe, the submission ledger, pending sign-in intents, welcome marks.
 * Memory is right for one instance in development. Azure Blob storage keeps that state across restarts and
 * shares it between instances, which dedupe and "never post a draft twice" need once the bot scales out.
 */
export function createStorage(settings: StorageSettings): Storage {
  if (!settings.connectionString) return new MemoryStorage();
  return new BlobsStorage(settings.connectionString, settings.container);
}

/** Claims live beside the state: shared between instances exactly when the state is. */
export function createClaimStore(settings: StorageSettings): ClaimStore {
  if (!settings.connectionString) return new MemoryClaimStore();
  return new BlobClaimStore(settings.connectionString, settings.container);
}
