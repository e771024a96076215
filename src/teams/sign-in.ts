import {
  type AdaptiveCardInvokeResponse,
  type AdaptiveCardInvokeValue,
  CardFactory,
  type MessagingExtensionActionResponse,
  type TurnContext,
} from 'botbuilder';
import type { SignInOffer, SignInProof } from '../auth/token-provider';
import type { SubmitFailure } from '../conversations/outcome';
import { text } from '../i18n/catalog';
import type { Language } from '../i18n/language';
import type { BotDeps } from './bot-deps';
import { languageOfTurn } from './turn';

/** The OAuthCard Teams turns into silent SSO (tokenExchangeResource) or a sign-in button. */
export function signInCard(offer: SignInOffer, language: Language) {
  return CardFactory.oauthCard(
    offer.connectionName,
    text(language, 'messages.signIn.title'),
    text(language, 'messages.signIn.text'),
    offer.signInLink,
    offer.tokenExchangeResource,
  );
}

/** Universal Actions: a 401 login request makes Teams sign the user in and resend the same action. */
export function loginRequest(offer: SignInOffer, language: Language): AdaptiveCardInvokeResponse {
  return {
    statusCode: 401,
    type: 'application/vnd.microsoft.activity.loginRequest',
    value: signInCard(offer, language).content as Record<string, unknown>,
  };
}

/**
 * Universal Actions: the magic code Teams resent in `value.state` was not accepted by the token service.
 * Teams can then ask the user for the code again or let them run another action.
 * https://learn.microsoft.com/en-us/microsoftteams/platform/task-modules-and-cards/cards/universal-actions-for-adaptive-cards/authentication-flow-in-universal-action-for-adaptive-cards
 * The Teams doc names the type `invalidAuthCode` and shows no `value`. The Adaptive Cards Universal Action
 * Model table and Microsoft's newer SDKs (teams.ts, Agents SDK) spell it `incorrectAuthCode` with
 * `value: null`; we follow the Teams doc, the one written for the Teams client. botbuilder's type demands a
 * `value`, but the doc's answer has none, and an undefined property is dropped when the body is serialized.
 */
export function invalidAuthCode(): AdaptiveCardInvokeResponse {
  const answer: Omit<AdaptiveCardInvokeResponse, 'value'> = {
    statusCode: 401,
    type: 'application/vnd.microsoft.error.invalidAuthCode',
  };
  return answer as AdaptiveCardInvokeResponse;
}

/** Teams could not exchange its SSO token for ours: 412 makes it fall back to the sign-in button. */
export function exchangeFailed(language: Language): AdaptiveCardInvokeResponse {
  return {
    statusCode: 412,
    type: 'application/vnd.microsoft.error.preconditionFailed',
    value: { code: '412', message: text(language, 'messages.signIn.exchangeFailed') },
  };
}

export function messageExtensionSignIn(
  offer: SignInOffer,
  language: Language,
): MessagingExtensionActionResponse {
  return {
    composeExtension: {
      type: 'auth',
      suggestedActions: {
        actions: [
          { type: 'openUrl', value: offer.signInLink, title: text(language, 'messages.signIn.title') },
        ],
      },
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
  /**
   * The magic code the client resent was refused. Entry points whose protocol has an answer for that
   * (Universal Actions: `invalidAuthCode`) give it; without one the invoke goes on as if no code had come.
   */
  invalidCode?(): R;
}

/**
 * A token for an invoke (card action or message extension): redeem what the client sent after sign-in,
 * else use the cached token, else answer with the entry point's own way to sign in. A refused magic code
 * is answered as such where the entry point has an answer for it, rather than hidden behind a cached token.
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
    if (redeemed.status === 'invalidCode' && answers.invalidCode) {
      deps.logger.warn('signin.invalid_code', { entry: context.activity.name });
      return { response: answers.invalidCode() };
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
  // A 403 insufficient_claims, or a 401 carrying a CAE claims challenge in WWW-Authenticate.
  const challenged = error.forbiddenReason === 'conditionalAccess';
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

/** The invoke Teams sends when its SSO failed in the client; botbuilder 4.23 has no constant or handler for it. */
export const SIGN_IN_FAILURE_INVOKE = 'signin/failure';

/**
 * `signin/failure` `{code, message}`: Teams tried silent SSO for our OAuthCard and failed before any token
 * reached us. Most codes are silent in the client: without an answer the user sees nothing and the sign-in
 * just never completes. So: one warning for the operator, and for the user a sign-in button without
 * `tokenExchangeResource`, which goes through the browser and the magic code instead of the SSO that just
 * failed. The chat intent saved before the first card stays, so the user still lands where they were going.
 * Failure codes and what `resourcematchfailed` means for the app registration:
 * https://learn.microsoft.com/en-us/microsoftteams/platform/teams-sdk/teams/user-authentication/troubleshooting-sso
 */
export async function answerSignInFailure(context: TurnContext, deps: BotDeps): Promise<void> {
  const value = (context.activity.value ?? {}) as { code?: unknown; message?: unknown };
  // Both come from the client: capped so a malformed invoke cannot flood the log.
  const code = typeof value.code === 'string' && value.code ? value.code.slice(0, 64) : 'unknown';
  deps.logger.warn('signin.sso_failed', {
    code,
    detail: typeof value.message === 'string' ? value.message.slice(0, 200) : undefined,
    conversationType: context.activity.conversation?.conversationType,
  });
  const offer = await deps.tokens.signInOffer(context);
  if (!offer) return;
  const language = languageOfTurn(context);
  // A misconfiguration the user cannot work around for good (the Entra app's Application ID URI is not the
  // resource on our OAuthCard) fails every time until an admin fixes the registration: the text says so.
  const key =
    code === 'resourcematchfailed' ? 'messages.signIn.ssoMisconfigured' : 'messages.signIn.ssoFailed';
  await context.sendActivity({
    text: text(language, key),
    attachments: [signInCard({ ...offer, tokenExchangeResource: undefined }, language)],
  });
}
