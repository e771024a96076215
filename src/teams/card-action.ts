import type { AdaptiveCardInvokeResponse, AdaptiveCardInvokeValue, TurnContext } from 'botbuilder';
import { renderConfirmationCard } from '../cards/confirmation-card';
import { cardActionProblem, readCardAction } from '../cards/contract';
import { renderDraftStatusCard } from '../cards/draft-status-card';
import { renderFormCard } from '../cards/form-card';
import { renderPendingCard } from '../cards/pending-card';
import { ADAPTIVE_CARD_CONTENT_TYPE, type AdaptiveCard } from '../cards/render';
import { renderUnknownCard } from '../cards/unknown-card';
import { text } from '../i18n/catalog';
import type { Language } from '../i18n/language';
import type { BotDeps } from './bot-deps';
import { buildNewForm } from './new-form';
import { buildRecentCard } from './recent';
import { answerReply } from './reply-action';
import { exchangeFailed, invalidAuthCode, loginRequest, proofFrom, tokenForInvoke } from './sign-in';
import { answerSubmission, answerWithoutToken, isDraftAction, type SubmissionSurface } from './submission';
import { languageOfTurn } from './turn';

/** In a chat, every state of a draft replaces the card in place (Universal Actions invoke response). */
function cardSurface(language: Language): SubmissionSurface<AdaptiveCardInvokeResponse> {
  return {
    form: (model) => cardResponse(renderFormCard(language, model)),
    created: (confirmation) => cardResponse(renderConfirmationCard(language, confirmation)),
    pending: (model) => cardResponse(renderPendingCard(language, model)),
    unknown: (model) => cardResponse(renderUnknownCard(language, model)),
    status: (model) => cardResponse(renderDraftStatusCard(language, model)),
    signIn: (offer) => loginRequest(offer, language),
  };
}

/** `adaptiveCard/action` (Universal Actions): every answer replaces the card in place. */
export async function handleCardAction(
  context: TurnContext,
  deps: BotDeps,
  value: AdaptiveCardInvokeValue,
): Promise<AdaptiveCardInvokeResponse> {
  const verb = value.action?.verb;
  const data = value.action?.data ?? {};
  const action = readCardAction(verb, data);
  const language = languageOfTurn(context);
  if (!action)
    return errorResponse(
      400,
      'BadRequest',
      // The problem names the offending field in the contract's terms, for whoever reports it.
      text(language, 'messages.invoke.cardActionRefused', { problem: cardActionProblem(verb, data) ?? '' }),
    );
  // Teams' automatic refresh (trigger "automatic") comes as whichever viewer looks at the card. botbuilder's
  // parsed invoke value drops `trigger`, so it is read from the activity.
  const refresh = (context.activity.value as { trigger?: unknown } | undefined)?.trigger === 'automatic';
  const proof = proofFrom(value);
  const surface = cardSurface(language);
  const auth = await tokenForInvoke(context, deps, proof, {
    signIn: surface.signIn,
    exchangeFailed: () => exchangeFailed(language),
    invalidCode: invalidAuthCode,
  });
  if ('response' in auth) {
    // Not after a failed sign-in proof: that answer (412, invalidAuthCode) is what the client needs.
    const withoutToken =
      !proof && isDraftAction(action)
        ? await answerWithoutToken(context, deps, { ...action, refresh }, surface)
        : undefined;
    return withoutToken ?? auth.response;
  }
  if (action.verb === 'newDraft') return cardResponse(await buildNewForm(context, deps, auth.token));
  if (action.verb === 'recentConversations')
    return cardResponse(await buildRecentCard(context, deps, auth.token, action.data));
  if (action.verb === 'openReply') return cardResponse(await answerReply(context, deps, action, auth.token));
  if (!isDraftAction(action))
    return cardResponse(await answerReply(context, deps, { ...action, refresh }, auth.token));
  return answerSubmission(context, deps, { ...action, refresh }, auth.token, surface, deps.invokeBudgetMs);
}

function cardResponse(card: AdaptiveCard): AdaptiveCardInvokeResponse {
  return { statusCode: 200, type: ADAPTIVE_CARD_CONTENT_TYPE, value: card };
}

function errorResponse(statusCode: number, code: string, message: string): AdaptiveCardInvokeResponse {
  return { statusCode, type: 'application/vnd.microsoft.error', value: { code, message } };
}
