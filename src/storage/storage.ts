import type { Storage } from 'botbuilder';
import type * as BlobsStorageModule from 'botbuilder-azure-blobs';
import type * as BlobClaimsModule from './blob-claims';
import { blobContainer, tokenAccess, usesBlobs } from './blob-container';
import { type ClaimStore, MemoryClaimStore } from './claims';
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
  // Required only now: memory mode never loads the Azure Storage SDK (start-up time and resident code).
  const { BlobsStorage } = require('botbuilder-azure-blobs') as typeof BlobsStorageModule;
  const access = tokenAccess(settings);
  if (access)
    return new BlobsStorage('', settings.container, undefined, access.containerUrl, access.credential);
  return new BlobsStorage(settings.connectionString ?? '', settings.container);
}

/** Claims live beside the state: shared between instances exactly when the state is. */
export function createClaimStore(settings: StorageSettings): ClaimStore {
  const container = blobContainer(settings);
  if (!container) return new MemoryClaimStore(MEMORY_CLAIM_LIMITS);
  const { BlobClaimStore } = require('./blob-claims') as typeof BlobClaimsModule;
  return new BlobClaimStore(container);
}
