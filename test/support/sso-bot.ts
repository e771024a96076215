import { SsoTokenProvider } from '../../src/auth/sso-token-provider';
import { type BotHarness, startBotHarness } from './bot-harness';
import { startTokenService, type TokenService } from './token-service';

export const SSO_CONNECTION = 'GraphConnection';

export interface SsoBot {
  readonly bot: BotHarness;
  readonly tokenService: TokenService;
}

/**
 * The bot in SSO mode (botbuilder's real token client against the local token service), started once per
 * test file and reset before each test. Registers its own Jest hooks; closes whatever started.
 */
export function useSsoBot(env: Record<string, string> = {}): SsoBot {
  let bot: BotHarness | undefined;
  let tokenService: TokenService | undefined;
  beforeAll(async () => {
    tokenService = await startTokenService();
    bot = await startBotHarness({
      env: { ConnectionName: SSO_CONNECTION, OAuthUrl: tokenService.url, ...env },
      tokens: () => new SsoTokenProvider(SSO_CONNECTION),
    });
  });
  afterAll(async () => {
    await bot?.close();
    await tokenService?.close();
  });
  beforeEach(() => {
    bot?.reset();
    tokenService?.reset();
  });
  return {
    get bot() {
      if (!bot) throw new Error('The SSO bot is used outside a test');
      return bot;
    },
    get tokenService() {
      if (!tokenService) throw new Error('The token service is used outside a test');
      return tokenService;
    },
  };
}
