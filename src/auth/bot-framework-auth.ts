import {
  ConfigurationBotFrameworkAuthentication,
  type ConfigurationBotFrameworkAuthenticationOptions,
} from 'botbuilder';
import { ClaimsIdentity, type UserTokenClient } from 'botframework-connector';
import type { BotFrameworkSettings } from '../shared/settings';

/**
 * In anonymous (local) mode the turn's claims carry no app id, and botbuilder then builds a token client
 * that cannot make a token-exchange state (getSignInResource throws "appId required"). Giving every token
 * client the configured bot id fixes all call sites at once: sign-in cards, exchange and sign-out.
 */
export class BotFrameworkAuthentication extends ConfigurationBotFrameworkAuthentication {
  constructor(
    settings: BotFrameworkSettings,
    private readonly botId: string,
  ) {
    super(settings as ConfigurationBotFrameworkAuthenticationOptions);
  }

  override createUserTokenClient(claimsIdentity: ClaimsIdentity): Promise<UserTokenClient> {
    const hasAppId = claimsIdentity.claims.some((claim) => claim.type === 'aud' || claim.type === 'appid');
    if (hasAppId) return super.createUserTokenClient(claimsIdentity);
    const withBotId = new ClaimsIdentity(
      [...claimsIdentity.claims, { type: 'aud', value: this.botId }],
      'anonymous',
    );
    return super.createUserTokenClient(withBotId);
  }
}
