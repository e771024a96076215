/** Claims as Azure blobs, shared by every instance; required by storage.ts only when blob storage is configured. */
import { type ContainerClient, RestError } from '@azure/storage-blob';
import { type ClaimResult, type ClaimStore, isStale } from './claims';

/** Claims as blobs written with If-None-Match: * (and taken over with If-Match), which Azure applies atomically. */
export class BlobClaimStore implements ClaimStore {
  private ready: Promise<unknown> | undefined;

  /** The container comes from blob-container.ts: by connection string or by account URL and Entra ID. */
  constructor(private readonly container: ContainerClient) {}

  async claim(key: string, staleAfterMs?: number): Promise<ClaimResult> {
    this.ready ??= this.container.createIfNotExists();
    await this.ready;
    const blob = this.container.getBlockBlobClient(`claims/${encodeURIComponent(key)}`);
    if (await conditionalWrite(() => upload(blob, { ifNoneMatch: '*' }))) return 'won';
    if (staleAfterMs === undefined) return 'held';
    const properties = await blob.getProperties();
    const claimedAt = Number(properties.metadata?.claimedat ?? 0);
    if (!isStale(claimedAt, staleAfterMs)) return 'held';
    return (await conditionalWrite(() => upload(blob, { ifMatch: properties.etag }))) ? 'tookOver' : 'held';
  }

  async release(key: string): Promise<void> {
    await this.container.getBlockBlobClient(`claims/${encodeURIComponent(key)}`).deleteIfExists();
  }

  async claimFor(key: string, holder: string): Promise<string> {
    this.ready ??= this.container.createIfNotExists();
    await this.ready;
    const blob = this.container.getBlockBlobClient(`holders/${encodeURIComponent(key)}`);
    const body = Buffer.from(holder, 'utf8');
    const won = await conditionalWrite(() =>
      blob.upload(body, body.length, { conditions: { ifNoneMatch: '*' } }),
    );
    if (won) return holder;
    return (await blob.downloadToBuffer()).toString('utf8');
  }
}

type BlockBlob = ReturnType<ContainerClient['getBlockBlobClient']>;

function upload(blob: BlockBlob, conditions: { ifNoneMatch?: string; ifMatch?: string }): Promise<unknown> {
  return blob.upload('', 0, { conditions, metadata: { claimedat: String(Date.now()) } });
}

/** A lost race is an answer (false), not an error: 409 BlobAlreadyExists or 412 ConditionNotMet. */
async function conditionalWrite(write: () => Promise<unknown>): Promise<boolean> {
  try {
    await write();
    return true;
  } catch (error) {
    if (error instanceof RestError && (error.statusCode === 409 || error.statusCode === 412)) return false;
    throw error;
  }
}
