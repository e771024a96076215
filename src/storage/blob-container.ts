/** The blob container that holds bot state and claims: by connection string, or by account URL and Entra ID. */
import type * as IdentitySdk from '@azure/identity';
import type { TokenCredential } from '@azure/identity';
import type * as BlobSdk from '@azure/storage-blob';
import type { ContainerClient, StoragePipelineOptions } from '@azure/storage-blob';

export interface BlobSettings {
  /** An account connection string: Azurite in tests and development, or an account that still allows keys. */
  connectionString?: string;
  /**
   * The account's blob endpoint, e.g. https://contoso.blob.core.windows.net. The bot signs in with
   * DefaultAzureCredential (in Azure: the managed identity named by AZURE_CLIENT_ID), so the account can
   * forbid shared keys altogether.
   */
  accountUrl?: string;
  container: string;
}

export function usesBlobs(settings: BlobSettings): boolean {
  return Boolean(settings.connectionString || settings.accountUrl);
}

/** Container URL and credential for the account-URL case, in the shape botbuilder's BlobsStorage takes them. */
export function tokenAccess(
  settings: BlobSettings,
  credential?: TokenCredential,
): { containerUrl: string; credential: TokenCredential } | undefined {
  if (settings.connectionString || !settings.accountUrl) return undefined;
  const containerUrl = `${settings.accountUrl.replace(/\/+$/, '')}/${encodeURIComponent(settings.container)}`;
  return { containerUrl, credential: credential ?? defaultCredential() };
}

/** Undefined when state stays in memory. */
export function blobContainer(
  settings: BlobSettings,
  options: { credential?: TokenCredential; pipeline?: StoragePipelineOptions } = {},
): ContainerClient | undefined {
  if (!usesBlobs(settings)) return undefined;
  // Required here, not imported: in memory mode the Azure Storage SDK is never loaded (~110 modules,
  // 0.06–0.18 s and 3.4 MB of live heap at start-up; docs/performance.md).
  const { BlobServiceClient, ContainerClient } = require('@azure/storage-blob') as typeof BlobSdk;
  if (settings.connectionString)
    return BlobServiceClient.fromConnectionString(
      settings.connectionString,
      options.pipeline,
    ).getContainerClient(settings.container);
  const access = tokenAccess(settings, options.credential);
  return access ? new ContainerClient(access.containerUrl, access.credential, options.pipeline) : undefined;
}

let shared: TokenCredential | undefined;

/** One credential per process: each instance caches its tokens, and state and claims share them. */
function defaultCredential(): TokenCredential {
  const { DefaultAzureCredential } = require('@azure/identity') as typeof IdentitySdk;
  shared ??= new DefaultAzureCredential();
  return shared;
}
