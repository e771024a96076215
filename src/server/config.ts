import { isIP } from 'node:net';
import type { LogLevel } from '../shared/logger';

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
  storage: { connectionString?: string; container: string };
  /** Port of the embedded Graph sandbox (local mode only); 0 picks a free one. */
  sandboxPort: number;
  logLevel: LogLevel;
}

const BOT_FRAMEWORK_SETTING_NAMES = [
  'MicrosoftAppId',
  'MicrosoftAppPassword',
  'MicrosoftAppType',
  'MicrosoftAppTenantId',
  'OAuthUrl',
  'ToChannelFromBotLoginUrl',
  'ToChannelFromBotOAuthScope',
  'ToBotFromChannelTokenIssuer',
  'ToBotFromChannelOpenIdMetadataUrl',
  'ToBotFromEmulatorOpenIdMetadataUrl',
  'CallerId',
  'ChannelService',
  'ValidateAuthority',
  'CertificateThumbprint',
  'CertificatePrivateKey',
] as const;

export type BotFrameworkSettings = Partial<Record<(typeof BOT_FRAMEWORK_SETTING_NAMES)[number], string>>;

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
  if (botFramework.OAuthUrl !== undefined) parseUrl('OAuthUrl', botFramework.OAuthUrl);

  const graphBaseUrl = parseGraphBaseUrl(env, mode);
  // Without an OAuth connection local mode mints unsigned sandbox tokens: useless, and misleading, anywhere else.
  if (mode === 'local' && !connectionName && graphBaseUrl && !isLoopback(graphBaseUrl.hostname))
    throw new ConfigError('ConnectionName', 'is required when GRAPH_BASE_URL points at a real Graph');

  return {
    mode,
    host: optional(env, 'HOST') ?? (mode === 'local' ? '127.0.0.1' : '0.0.0.0'),
    port: parseInteger(env, 'PORT', 3978, 0, 65_535),
    botFramework,
    botId: botFramework.MicrosoftAppId ?? guid(env, 'BOT_ID') ?? LOCAL_BOT_ID,
    connectionName,
    graphBaseUrl,
    defaultGroupId: guid(env, 'DEFAULT_GROUP_ID'),
    invokeBudgetMs: parseInteger(env, 'INVOKE_BUDGET_MS', 8_000, 500, 60_000),
    storage: {
      connectionString: optional(env, 'STORAGE_CONNECTION_STRING'),
      container: parseContainer(env),
    },
    sandboxPort: parseInteger(env, 'GRAPH_SANDBOX_PORT', 3980, 0, 65_535),
    logLevel: parseLogLevel(env),
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

function parseGraphBaseUrl(env: Env, mode: AppConfig['mode']): URL | undefined {
  const raw = optional(env, 'GRAPH_BASE_URL');
  if (raw === undefined) return mode === 'local' ? undefined : new URL('https://graph.microsoft.com/v1.0');
  const url = parseUrl('GRAPH_BASE_URL', raw);
  // The user's bearer token goes wherever this points: plain http only where it cannot leave the machine.
  if (url.protocol === 'http:' && !isLoopback(url.hostname))
    throw new ConfigError(
      'GRAPH_BASE_URL',
      'must use https:// (http:// is allowed only for loopback hosts)',
      raw,
    );
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new ConfigError('GRAPH_BASE_URL', 'must be an https:// URL', raw);
  return url;
}

function isLoopback(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '');
  if (host === 'localhost') return true;
  if (isIP(host) === 4) return host.startsWith('127.');
  return host === '::1';
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

function guid(env: Env, name: string): string | undefined {
  const raw = optional(env, name);
  if (raw === undefined) return undefined;
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(raw))
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
