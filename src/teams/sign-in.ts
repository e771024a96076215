import {
  type AdaptiveCardInvokeResponse,
  type AdaptiveCardInvokeValue,
  CardFactory,
  type MessagingExtensionActionResponse,
  type TurnContext,
} from 'botbuilder';
import type { SignInOffer, SignInProof } from '../auth/token-provider';
import type { SubmitFailure } from '../conversations/outcome';
import type { BotDeps } from './bot-deps';

const SIGN_IN_TITLE = 'Sign in';
const SIGN_IN_TEXT = 'Sign in with your Microsoft 365 account so I can post group conversations as you.';

/** The OAuthCard Teams turns into silent SSO (tokenExchangeResource) or a sign-in button. */
export function signInCard(offer: SignInOffer) {
  return CardFactory.oauthCard(
    offer.connectionName,
    SIGN_IN_TITLE,
    SIGN_IN_TEXT,
    offer.signInLink,
    offer.tokenExchangeResource,
  );
}

/** Universal Actions: a 401 login request makes Teams sign the user in and resend the same action. */
export function loginRequest(offer: SignInOffer): AdaptiveCardInvokeResponse {
  return {
    statusCode: 401,
    type: 'application/vnd.microsoft.activity.loginRequest',
    value: signInCard(offer).content as Record<string, unknown>,
  };
}

/** Teams could not exchange its SSO token for ours: 412 makes it fall back to the sign-in button. */
export function exchangeFailed(): AdaptiveCardInvokeResponse {
  return {
    statusCode: 412,
    type: 'application/vnd.microsoft.error.preconditionFailed',
    value: { code: '412', message: 'The SSO token could not be exchanged; sign in with the button instead.' },
  };
}

export function messageExtensionSignIn(offer: SignInOffer): MessagingExtensionActionResponse {
  return {
    composeExtension: {
      type: 'auth',
      suggestedActions: { actions: [{ type: 'openUrl', value: offer.signInLink, title: SIGN_IN_TITLE }] },
    },
  };
}

/** What the client sent back after sign-in, if anything: an SSO token or a magic code. */
export function proofFrom(
  value: Pick<AdaptiveCardInvokeValue, 'authentication' | 'state'> | undefined,
): SignInProof | undefined {
  const token = value?.authentication?.token;
  if (typeof token === 'string' && token.length > 0) return { kind: 'ssoToken', token };
  if (typeof value?.state === 'string' && value.state.length > 0)
    return { kind: 'magicCode', code: value.state };
  return undefined;
}

export type InvokeToken<R> = { token: string } | { response: R };

export interface InvokeAuthAnswers<R> {
  signIn(offer: SignInOffer): R;
  exchangeFailed(detail: string): R | Promise<R>;
}

/**
 * A token for an invoke (card action or message extension): redeem what the client sent after sign-in,
 * else use the cached token, else answer with the entry point's own way to sign in.
 */
export async function tokenForInvoke<R>(
  context: TurnContext,
  deps: BotDeps,
  proof: SignInProof | undefined,
  answers: InvokeAuthAnswers<R>,
): Promise<InvokeToken<R>> {
  if (proof) {
    const redeemed = await deps.tokens.redeem(context, proof);
    if (redeemed.status === 'ok') return { token: redeemed.token };
    if (redeemed.status === 'exchangeFailed') {
      deps.logger.warn('signin.exchange_failed', { entry: context.activity.name });
      return { response: await answers.exchangeFailed(redeemed.detail) };
    }
  }
  const token = await deps.tokens.getToken(context);
  if (token) return { token };
  return { response: answers.signIn(await requireOffer(context, deps)) };
}

/**
 * After Graph refused the token for good (still 401 after a refresh, or a Conditional Access claims
 * challenge), the user must sign in interactively; the entry point then answers with its sign-in step.
 * Undefined when the failure is not about the sign-in, or the provider has no sign-in (local sandbox).
 */
export async function renewedSignIn(
  context: TurnContext,
  deps: BotDeps,
  failure: SubmitFailure,
): Promise<SignInOffer | undefined> {
  if (failure.kind !== 'graph') return undefined;
  const { error } = failure;
  const challenged = error.kind === 'forbidden' && error.forbiddenReason === 'conditionalAccess';
  if (error.kind !== 'unauthorized' && !challenged) return undefined;
  // The token service would hand out the same token again: drop it so the next one is freshly issued.
  if (challenged) await deps.tokens.signOut(context);
  return deps.tokens.signInOffer(context);
}

export async function requireOffer(context: TurnContext, deps: BotDeps): Promise<SignInOffer> {
  const offer = await deps.tokens.signInOffer(context);
  if (!offer) throw new Error('The token provider has no token and no way to sign in.');
  return offer;
}
