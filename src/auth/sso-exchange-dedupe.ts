import {
  ActivityTypes,
  Channels,
  type Middleware,
  type TurnContext,
  tokenExchangeOperationName,
} from 'botbuilder';
import type { ClaimStore } from '../storage/claims';
import { answerExchangeFailure } from './exchange-failure';
import type { GraphTokenProvider } from './token-provider';

/**
 * Every signed-in Teams client of a user sends the same signin/tokenExchange. Each is exchanged (the token
 * service is idempotent), but only the first reaches the bot. This replaces botbuilder's
 * TeamsSSOTokenExchangeMiddleware, whose dedupe writes with If-Match on an item that does not exist yet:
 * MemoryStorage accepts that, Azure Blob storage refuses it, and then every exchange looks like a duplicate
 * and no sign-in ever completes (proved in test/http/shared-storage.test.ts). A claim store is atomic instead.
 */
export class SsoExchangeDedupeMiddleware implements Middleware {
  constructor(
    private readonly claims: ClaimStore,
    private readonly tokens: GraphTokenProvider,
    private readonly connectionName: string,
  ) {}

  /** Every other activity goes straight on: not async, so no promise of its own on every turn. */
  onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const { activity } = context;
    if (activity.channelId !== Channels.Msteams || activity.name !== tokenExchangeOperationName)
      return next();
    return this.exchange(context, next);
  }

  private async exchange(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const { activity } = context;
    const request = (activity.value ?? {}) as { id?: string; token?: string };
    const redeemed = request.token
      ? await this.tokens.redeem(context, { kind: 'ssoToken', token: request.token })
      : ({ status: 'exchangeFailed', detail: 'The exchange request carried no token.' } as const);
    if (redeemed.status !== 'ok') {
      const failureDetail =
        redeemed.status === 'exchangeFailed' ? redeemed.detail : 'The token was not accepted.';
      return answerExchangeFailure(context, {
        id: request.id,
        connectionName: this.connectionName,
        failureDetail,
      });
    }
    const claim = await this.claims.claim(`sso-exchange/${activity.conversation.id}/${request.id ?? ''}`);
    // A later copy of an exchange already handled: acknowledge it without running the turn again.
    if (claim !== 'won') {
      await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status: 200 } });
      return;
    }
    await next();
  }
}
