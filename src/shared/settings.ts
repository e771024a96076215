/**
 * Settings types shared by the layers that read them (auth, teams) and the one that parses them (server/config):
 * kept below all of them so imports only point down.
 */

/**
 * Which tenants the bot serves. `any` only when asked for explicitly (`*`), or in local mode with nothing set.
 */
export type TenantPolicy = { kind: 'any' } | { kind: 'listed'; ids: ReadonlySet<string> };

export const BOT_FRAMEWORK_SETTING_NAMES = [
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
