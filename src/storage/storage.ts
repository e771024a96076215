import type { Storage } from 'botbuilder';
import { BlobsStorage } from 'botbuilder-azure-blobs';
import { blobContainer, tokenAccess, usesBlobs } from './blob-container';
import { BlobClaimStore, type ClaimStore, MemoryClaimStore } from './claims';
import { MEMORY_CLAIM_LIMITS, MEMORY_STATE_LIMITS } from './limits';
import { BoundedMemoryStorage } from './memory-storage';

export interface StorageSettings {
  /** Azure Storage connection string; absent (and no accountUrl) means in-process memory. */
  connectionString?: string;
  /** The account's blob endpoint, reached with DefaultAzureCredential (see blob-container.ts). */
  accountUrl?: string;
  container: string;
}

/**
 * The bot's state: SSO exchange dedupe, the submission ledger, pending sign-in intents, welcome marks.
 * Memory is right for one instance in development. Azure Blob storage keeps that state across restarts and
 * shares it between instances, which dedupe and "never post a draft twice" need once the bot scales out.
 */
export function createStorage(
  settings: StorageSettings,
  onEvicted: (count: number) => void = () => undefined,
): Storage {
  if (!usesBlobs(settings)) return new BoundedMemoryStorage(MEMORY_STATE_LIMITS, onEvicted);
  const access = tokenAccess(settings);
  if (access)
    return new BlobsStorage('', settings.container, undefined, access.containerUrl, access.credential);
  return new BlobsStorage(settings.connectionString ?? '', settings.container);
}

/** Claims live beside the state: shared between instances exactly when the state is. */
export function createClaimStore(settings: StorageSettings): ClaimStore {
  const container = blobContainer(settings);
  if (!container) return new MemoryClaimStore(MEMORY_CLAIM_LIMITS);
  return new BlobClaimStore(container);
}
