import type { LogLevel } from '../shared/logger';
import {
  BOT_FRAMEWORK_SETTING_NAMES,
  type BotFrameworkSettings,
  type TenantPolicy,
} from '../shared/settings';
import { isLoopback } from './loopback';

/**
 * Every setting the bot reads, validated once at start-up. A bad value stops start-up with one line that
 * names the setting, so a misconfigured tenant deployment fails loudly instead of at the first user's click.
 */
export interface AppConfig {
  mode: 'local' | 'production';
  host: string;
  port: number;
  /** Passed unchanged to ConfigurationBotFrameworkAuthentication (its own setting names). */
  botFramework: BotFrameworkSettings;
  /** The bot's id: MicrosoftAppId, or BOT_ID in local mode (the token service needs one for SSO state). */
  botId: string;
  /** Azure Bot OAuth connection; when set, tokens come from the token service at OAuthUrl. */
  connectionName?: string;
  /** Undefined in local mode without GRAPH_BASE_URL: the embedded Graph sandbox is used. */
  graphBaseUrl?: URL;
  defaultGroupId?: string;
  /** Upper bound for Graph work inside one invoke, so Teams gets its answer in time. */
  invokeBudgetMs: number;
  /** Azure Blob storage for bot state; undefined keeps state in memory (single instance only). */
  storage: { connectionString?: string; accountUrl?: string; container: string };
  /** How long SIGTERM waits for requests and posts in flight before the process exits. */
  shutdownGraceMs: number;
  /** Port of the embedded Graph sandbox (local mode only); 0 picks a free one. */
  sandboxPort: number;
  logLevel: LogLevel;
  /** Whose activities are served: a tenant not listed is refused before any work (see tenant-gate.ts). */
  tenants: TenantPolicy;
}

/** Used as the bot id in local mode when BOT_ID is not set; any stable GUID works for the sandbox. */
export const LOCAL_BOT_ID = '00000000-0000-0000-0000-00000000b075';

export class ConfigError extends Error {
  constructor(
    readonly setting: string,
    expected: string,
    got?: string,
  ) {
    super(`Configuration error: ${setting} ${expected}${got === undefined ? '' : ` (got "${got}")`}.`);
  }
}

type Env = Readonly<Record<string, string | undefined>>;

export function loadConfig(env: Env): AppConfig {
  const botFramework = readBotFrameworkSettings(env);
  const mode = botFramework.MicrosoftAppId ? 'production' : 'local';
  const connectionName = optional(env, 'ConnectionName');
  if (mode === 'production') requireProductionSettings(botFramework, connectionName);
  checkBotFrameworkUrls(botFramework);

  const graphBaseUrl = parseGraphBaseUrl(env, mode);
  // Without an OAuth connection local mode mints unsigned sandbox tokens: useless, and misleading, anywhere else.
  if (mode === 'local' && !connectionName && graphBaseUrl && !isLoopback(graphBaseUrl.hostname))
    throw new ConfigError('ConnectionName', 'is required when GRAPH_BASE_URL points at a real Graph');
  const connectionString = optional(env, 'STORAGE_CONNECTION_STRING');
  if (connectionString !== undefined) checkStorageEndpoint(connectionString);
  const accountUrl = parseStorageAccountUrl(env, connectionString);

  return {
    mode,
    host: parseHost(env, mode),
    port: parseInteger(env, 'PORT', 3978, 0, 65_535),
    botFramework,
    botId: botFramework.MicrosoftAppId ?? guid(env, 'BOT_ID') ?? LOCAL_BOT_ID,
    connectionName,
    graphBaseUrl,
    defaultGroupId: guid(env, 'DEFAULT_GROUP_ID'),
    invokeBudgetMs: parseInteger(env, 'INVOKE_BUDGET_MS', 8_000, 500, 60_000),
    storage: {
      connectionString,
      accountUrl,
      container: parseContainer(env),
    },
    shutdownGraceMs: parseInteger(env, 'SHUTDOWN_GRACE_MS', 10_000, 0, 120_000),
    sandboxPort: parseInteger(env, 'GRAPH_SANDBOX_PORT', 3980, 0, 65_535),
    logLevel: parseLogLevel(env),
    tenants: parseTenants(env, mode, botFramework),
  };
}

function readBotFrameworkSettings(env: Env): BotFrameworkSettings {
  const settings: BotFrameworkSettings = {};
  for (const name of BOT_FRAMEWORK_SETTING_NAMES) {
    const value = optional(env, name);
    if (value !== undefined) settings[name] = value;
  }
  const appType = settings.MicrosoftAppType;
  if (appType !== undefined && !['MultiTenant', 'SingleTenant', 'UserAssignedMSI'].includes(appType))
    throw new ConfigError(
      'MicrosoftAppType',
      'must be MultiTenant, SingleTenant or UserAssignedMSI',
      appType,
    );
  if (appType !== undefined && appType !== 'MultiTenant' && !settings.MicrosoftAppTenantId)
    throw new ConfigError('MicrosoftAppTenantId', `is required when MicrosoftAppType is ${appType}`);
  return settings;
}

function requireProductionSettings(settings: BotFrameworkSettings, connectionName: string | undefined): void {
  const usesSecret = settings.MicrosoftAppType !== 'UserAssignedMSI' && !settings.CertificateThumbprint;
  if (usesSecret && !settings.MicrosoftAppPassword)
    throw new ConfigError('MicrosoftAppPassword', 'is required when MicrosoftAppId is set (the bot secret)');
  if (!connectionName)
    throw new ConfigError(
      'ConnectionName',
      'is required when MicrosoftAppId is set (the Azure Bot OAuth connection for Graph SSO)',
    );
}

/**
 * Microsoft Graph's service roots: the global service and the national clouds
 * (https://learn.microsoft.com/graph/deployments). The user's token goes wherever GRAPH_BASE_URL points, so
 * any other host is refused; loopback hosts are for the sandbox and tests.
 */
const GRAPH_HOSTS: ReadonlySet<string> = new Set([
  'graph.microsoft.com',
  'graph.microsoft.us',
  'dod-graph.microsoft.us',
  'microsoftgraph.chinacloudapi.cn',
]);

function parseGraphBaseUrl(env: Env, mode: AppConfig['mode']): URL | undefined {
  const raw = optional(env, 'GRAPH_BASE_URL');
  if (raw === undefined) return mode === 'local' ? undefined : new URL('https://graph.microsoft.com/v1.0');
  const url = parseSecureUrl('GRAPH_BASE_URL', raw);
  if (!isLoopback(url.hostname) && !GRAPH_HOSTS.has(url.hostname.toLowerCase()))
    throw new ConfigError(
      'GRAPH_BASE_URL',
      `must be a Microsoft Graph service root (${[...GRAPH_HOSTS].join(', ')}) or a loopback host`,
      raw,
    );
  return url;
}

/**
 * botbuilder fetches signing keys, app tokens and user tokens from these: a plain-http or look-alike host
 * would let whoever answers there forge activities or read tokens.
 */
const BOT_FRAMEWORK_URL_SETTINGS = [
  'OAuthUrl',
  'ToChannelFromBotLoginUrl',
  'ToChannelFromBotOAuthScope',
  'ToBotFromChannelOpenIdMetadataUrl',
  'ToBotFromEmulatorOpenIdMetadataUrl',
] as const;

function checkBotFrameworkUrls(settings: BotFrameworkSettings): void {
  for (const name of BOT_FRAMEWORK_URL_SETTINGS) {
    const raw = settings[name];
    if (raw !== undefined) parseSecureUrl(name, raw);
  }
}

/** An https:// URL, or http:// on a loopback host (local stand-ins in development and tests). */
function parseSecureUrl(setting: string, raw: string): URL {
  const url = parseUrl(setting, raw);
  const secure = url.protocol === 'https:' || (url.protocol === 'http:' && isLoopback(url.hostname));
  if (!secure)
    throw new ConfigError(setting, 'must use https:// (http:// is allowed only for loopback hosts)', raw);
  return url;
}

/**
 * The storage account's blob endpoint, from either connection-string form. The value itself is never echoed:
 * it holds the account key.
 */
function checkStorageEndpoint(connectionString: string): void {
  const parts = new Map<string, string>();
  for (const part of connectionString.split(';')) {
    const at = part.indexOf('=');
    if (at > 0) parts.set(part.slice(0, at).trim().toLowerCase(), part.slice(at + 1).trim());
  }
  if (parts.get('usedevelopmentstorage')?.toLowerCase() === 'true') return;
  const endpoint = parts.get('blobendpoint');
  const insecure =
    endpoint !== undefined
      ? !isSecureEndpoint(endpoint)
      : parts.get('defaultendpointsprotocol')?.toLowerCase() === 'http';
  if (insecure)
    throw new ConfigError(
      'STORAGE_CONNECTION_STRING',
      'must use https:// endpoints (http:// is allowed only for a loopback BlobEndpoint)',
    );
}

function isSecureEndpoint(raw: string): boolean {
  try {
    const url = new URL(raw);
    return url.protocol === 'https:' || (url.protocol === 'http:' && isLoopback(url.hostname));
  } catch {
    return false;
  }
}

/** Local mode runs with anonymous Bot Framework auth: anyone who can reach the port is trusted. */
function parseHost(env: Env, mode: AppConfig['mode']): string {
  const raw = optional(env, 'HOST');
  if (raw === undefined) return mode === 'local' ? '127.0.0.1' : '0.0.0.0';
  if (mode === 'local' && !isLoopback(raw))
    throw new ConfigError(
      'HOST',
      'must be a loopback address (127.0.0.1, ::1 or localhost) in local mode, where requests are not authenticated',
      raw,
    );
  return raw;
}

/**
 * Teams names the tenant of every activity by its GUID. Production serves the bot's own tenant unless told
 * otherwise (Azure creates single-tenant bots only since 2025-07-31); "*" opens it to every tenant, on purpose.
 */
function parseTenants(env: Env, mode: AppConfig['mode'], settings: BotFrameworkSettings): TenantPolicy {
  const raw = optional(env, 'ALLOWED_TENANT_IDS');
  if (raw === undefined) {
    if (mode === 'local') return { kind: 'any' };
    const own = settings.MicrosoftAppTenantId;
    if (own !== undefined && GUID.test(own)) return { kind: 'listed', ids: new Set([own.toLowerCase()]) };
    throw new ConfigError(
      'ALLOWED_TENANT_IDS',
      own === undefined
        ? 'is required in production: the tenant GUIDs whose users may use the bot, comma-separated (or MicrosoftAppTenantId set to the tenant GUID; * allows any tenant)'
        : `is required in production when MicrosoftAppTenantId is not a tenant GUID (Teams names tenants by GUID; * allows any tenant)`,
    );
  }
  const entries = raw
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry.length > 0);
  if (entries.length === 1 && entries[0] === '*') return { kind: 'any' };
  const bad = entries.find((entry) => !GUID.test(entry));
  if (bad !== undefined || entries.length === 0)
    throw new ConfigError(
      'ALLOWED_TENANT_IDS',
      'must be tenant GUIDs separated by commas, or * alone for any tenant',
      bad ?? raw,
    );
  return { kind: 'listed', ids: new Set(entries.map((entry) => entry.toLowerCase())) };
}

function parseUrl(setting: string, raw: string): URL {
  try {
    return new URL(raw);
  } catch {
    throw new ConfigError(setting, 'must be an absolute URL', raw);
  }
}

function parseInteger(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = optional(env, name);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max)
    throw new ConfigError(name, `must be a whole number from ${min} to ${max}`, raw);
  return value;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function guid(env: Env, name: string): string | undefined {
  const raw = optional(env, name);
  if (raw === undefined) return undefined;
  if (!GUID.test(raw))
    throw new ConfigError(name, 'must be a GUID such as 5f2e1c3a-0000-0000-0000-000000000000', raw);
  return raw.toLowerCase();
}

/** Azure container names: 3-63 lower-case letters, digits and single hyphens. */
function parseContainer(env: Env): string {
  const raw = optional(env, 'STORAGE_CONTAINER') ?? 'group-conversations-state';
  if (!/^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$/.test(raw))
    throw new ConfigError(
      'STORAGE_CONTAINER',
      'must be 3-63 lower-case letters, digits or single hyphens',
      raw,
    );
  return raw;
}

function parseLogLevel(env: Env): LogLevel {
  const raw = optional(env, 'LOG_LEVEL') ?? 'info';
  if (raw !== 'debug' && raw !== 'info' && raw !== 'warn' && raw !== 'error')
    throw new ConfigError('LOG_LEVEL', 'must be debug, info, warn or error', raw);
  return raw;
}

function optional(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value ? value : undefined;
}

/** Blob storage by Entra ID (managed identity) instead of an account key; one of the two, not both. */
function parseStorageAccountUrl(env: Env, connectionString: string | undefined): string | undefined {
  const raw = optional(env, 'STORAGE_ACCOUNT_URL');
  if (raw === undefined) return undefined;
  if (connectionString !== undefined)
    throw new ConfigError('STORAGE_ACCOUNT_URL', 'cannot be set together with STORAGE_CONNECTION_STRING');
  const url = parseSecureUrl('STORAGE_ACCOUNT_URL', raw);
  if (url.pathname !== '/' || url.search)
    throw new ConfigError(
      'STORAGE_ACCOUNT_URL',
      'must be the account blob endpoint, e.g. https://contoso.blob.core.windows.net',
      raw,
    );
  return url.origin;
}
