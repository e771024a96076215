/** The blob container that holds bot state and claims: by connection string, or by account URL and Entra ID. */
import { DefaultAzureCredential, type TokenCredential } from '@azure/identity';
import { BlobServiceClient, ContainerClient, type StoragePipelineOptions } from '@azure/storage-blob';

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
  shared ??= new DefaultAzureCredential();
  return shared;
}
