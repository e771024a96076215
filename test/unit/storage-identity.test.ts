import type { GetTokenOptions } from '@azure/identity';
import { createClaimStore, createStorage } from '../../src/storage/storage';

/**
 * STORAGE_ACCOUNT_URL: bot state and claims reach Blob storage with an Entra token from DefaultAzureCredential
 * (the App Service's managed identity), so the account can run with shared keys disabled. The credential is
 * replaced here by one that records what was asked and refuses, so no request leaves the machine.
 */

const mockRequests: Array<{ scopes: string[]; tenantId?: string }> = [];
jest.mock('@azure/identity', () => ({
  DefaultAzureCredential: class {
    async getToken(scopes: string | string[], options?: GetTokenOptions): Promise<never> {
      mockRequests.push({ scopes: [scopes].flat(), tenantId: options?.tenantId });
      throw new Error('test credential: no token');
    }
  },
}));

const SETTINGS = {
  accountUrl: 'https://contoso.blob.core.windows.net',
  container: 'group-conversations-state',
};

beforeEach(() => {
  mockRequests.length = 0;
});

test('bot state asks DefaultAzureCredential for a Blob storage token, with no connection string', async () => {
  await expect(createStorage(SETTINGS).read(['submission/x'])).rejects.toThrow('test credential: no token');
  expect(mockRequests.map((request) => request.scopes)).toEqual([['https://storage.azure.com/.default']]);
});

test('claims use the same identity and container', async () => {
  await expect(createClaimStore(SETTINGS).claim('attempt/x', 120_000)).rejects.toThrow(
    'test credential: no token',
  );
  expect(mockRequests.map((request) => request.scopes)).toEqual([['https://storage.azure.com/.default']]);
});

test('a connection string (Azurite, tests) never touches the credential', async () => {
  const storage = createStorage({
    connectionString:
      'DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;BlobEndpoint=http://127.0.0.1:9/devstoreaccount1;',
    container: 'state',
  });
  expect(storage.constructor.name).toBe('BlobsStorage');
  expect(mockRequests).toEqual([]);
});
