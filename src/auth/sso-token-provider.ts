import type { CloudAdapter, TurnContext } from 'botbuilder';
import type { UserTokenClient } from 'botframework-connector';
import type { GraphTokenProvider, RedeemResult, SignInOffer, SignInProof } from './token-provider';

/**
 * Delegated Graph tokens from the Azure Bot OAuth connection, through botbuilder's token-service client
 * (its address is the OAuthUrl setting). The token service holds the tokens; we never store them.
 */
export class SsoTokenProvider implements GraphTokenProvider {
  constructor(private readonly connectionName: string) {}

  getToken(context: TurnContext): Promise<string | undefined> {
    return this.fetch(context, '');
  }

  async refreshToken(context: TurnContext, rejected: string): Promise<string | undefined> {
    // The token service refreshes expired tokens itself; if it still hands out the rejected one, the grant
    // was revoked, and only a new sign-in helps. Signing out makes the next attempt ask for one.
    const fresh = await this.fetch(context, '');
    if (fresh && fresh !== rejected) return fresh;
    await this.signOut(context);
    return undefined;
  }

  async redeem(context: TurnContext, proof: SignInProof): Promise<RedeemResult> {
    if (proof.kind === 'magicCode') {
      const token = await this.fetch(context, proof.code);
      return token ? { status: 'ok', token } : { status: 'invalidCode' };
    }
    const { activity } = context;
    try {
      const response = await client(context).exchangeToken(
        activity.from.id,
        this.connectionName,
        activity.channelId,
        {
          token: proof.token,
        },
      );
      if (response?.token) return { status: 'ok', token: response.token };
      return {
        status: 'exchangeFailed',
        detail: 'The token service could not exchange the Teams SSO token.',
      };
    } catch {
      return { status: 'exchangeFailed', detail: 'The token service refused the Teams SSO token.' };
    }
  }

  async signInOffer(context: TurnContext): Promise<SignInOffer> {
    const resource = await client(context).getSignInResource(this.connectionName, context.activity, '');
    return {
      connectionName: this.connectionName,
      signInLink: resource.signInLink ?? '',
      tokenExchangeResource: resource.tokenExchangeResource?.id
        ? {
            ...resource.tokenExchangeResource,
            id: resource.tokenExchangeResource.id,
            uri: resource.tokenExchangeResource.uri ?? '',
          }
        : undefined,
    };
  }

  async signOut(context: TurnContext): Promise<boolean> {
    const { activity } = context;
    await client(context).signOutUser(activity.from.id, this.connectionName, activity.channelId);
    return true;
  }

  private async fetch(context: TurnContext, magicCode: string): Promise<string | undefined> {
    const { activity } = context;
    // For a missing token the client returns the service's 404 body, not undefined: check .token.
    const response = await client(context).getUserToken(
      activity.from.id,
      this.connectionName,
      activity.channelId,
      magicCode,
    );
    return typeof response?.token === 'string' && response.token.length > 0 ? response.token : undefined;
  }
}

function client(context: TurnContext): UserTokenClient {
  const adapter = context.adapter as { UserTokenClientKey?: CloudAdapter['UserTokenClientKey'] };
  const tokenClient = adapter.UserTokenClientKey
    ? context.turnState.get<UserTokenClient | undefined>(adapter.UserTokenClientKey)
    : undefined;
  if (!tokenClient) throw new Error('This adapter provides no user token client; use CloudAdapter.');
  return tokenClient;
}
