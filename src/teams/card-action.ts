import type { AdaptiveCardInvokeResponse, AdaptiveCardInvokeValue, TurnContext } from 'botbuilder';
import { renderConfirmationCard } from '../cards/confirmation-card';
import { cardActionProblem, readCardAction } from '../cards/contract';
import { renderDraftStatusCard } from '../cards/draft-status-card';
import { renderFormCard } from '../cards/form-card';
import { renderPendingCard } from '../cards/pending-card';
import { ADAPTIVE_CARD_CONTENT_TYPE, type AdaptiveCard } from '../cards/render';
import { renderUnknownCard } from '../cards/unknown-card';
import type { BotDeps } from './bot-deps';
import { buildNewForm } from './new-form';
import { buildRecentCard } from './recent';
import { answerReply } from './reply-action';
import { exchangeFailed, invalidAuthCode, loginRequest, proofFrom, tokenForInvoke } from './sign-in';
import { answerSubmission, answerWithoutToken, isDraftAction, type SubmissionSurface } from './submission';

/** In a chat, every state of a draft replaces the card in place (Universal Actions invoke response). */
const CARD_SURFACE: SubmissionSurface<AdaptiveCardInvokeResponse> = {
  form: (model) => cardResponse(renderFormCard(model)),
  created: (confirmation) => cardResponse(renderConfirmationCard(confirmation)),
  pending: (model) => cardResponse(renderPendingCard(model)),
  unknown: (model) => cardResponse(renderUnknownCard(model)),
  status: (model) => cardResponse(renderDraftStatusCard(model)),
  signIn: loginRequest,
};

/** `adaptiveCard/action` (Universal Actions): every answer replaces the card in place. */
export async function handleCardAction(
  context: TurnContext,
  deps: BotDeps,
  value: AdaptiveCardInvokeValue,
): Promise<AdaptiveCardInvokeResponse> {
  const verb = value.action?.verb;
  const data = value.action?.data ?? {};
  const action = readCardAction(verb, data);
  if (!action)
    return errorResponse(
      400,
      'BadRequest',
      `This card action was refused: ${cardActionProblem(verb, data)}.`,
    );
  // Teams' automatic refresh (trigger "automatic") comes as whichever viewer looks at the card. botbuilder's
  // parsed invoke value drops `trigger`, so it is read from the activity.
  const refresh = (context.activity.value as { trigger?: unknown } | undefined)?.trigger === 'automatic';
  const proof = proofFrom(value);
  const auth = await tokenForInvoke(context, deps, proof, {
    signIn: loginRequest,
    exchangeFailed,
    invalidCode: invalidAuthCode,
  });
  if ('response' in auth) {
    // Not after a failed sign-in proof: that answer (412, invalidAuthCode) is what the client needs.
    const withoutToken =
      !proof && isDraftAction(action)
        ? await answerWithoutToken(context, deps, { ...action, refresh }, CARD_SURFACE)
        : undefined;
    return withoutToken ?? auth.response;
  }
  if (action.verb === 'newDraft') return cardResponse(await buildNewForm(context, deps, auth.token));
  if (action.verb === 'recentConversations')
    return cardResponse(await buildRecentCard(context, deps, auth.token, action.data));
  if (action.verb === 'openReply') return cardResponse(await answerReply(context, deps, action, auth.token));
  if (!isDraftAction(action))
    return cardResponse(await answerReply(context, deps, { ...action, refresh }, auth.token));
  return answerSubmission(
    context,
    deps,
    { ...action, refresh },
    auth.token,
    CARD_SURFACE,
    deps.invokeBudgetMs,
  );
}

function cardResponse(card: AdaptiveCard): AdaptiveCardInvokeResponse {
  return { statusCode: 200, type: ADAPTIVE_CARD_CONTENT_TYPE, value: card };
}

function errorResponse(statusCode: number, code: string, message: string): AdaptiveCardInvokeResponse {
  return { statusCode, type: 'application/vnd.microsoft.error', value: { code, message } };
}
