import type { AdaptiveCardInvokeResponse, AdaptiveCardInvokeValue, TurnContext } from 'botbuilder';
import { renderConfirmationCard } from '../cards/confirmation-card';
import { renderFormCard } from '../cards/form-card';
import { renderPendingCard } from '../cards/pending-card';
import { ADAPTIVE_CARD_CONTENT_TYPE, type AdaptiveCard } from '../cards/render';
import type { BotDeps } from './bot-deps';
import { isKnownMember, readSubmission, runSubmission } from './draft-submission';
import { noticeFor } from './failure-notice';
import { buildNewForm } from './new-form';
import { exchangeFailed, loginRequest, proofFrom, renewedSignIn, tokenForInvoke } from './sign-in';

type VerbHandler = (
  context: TurnContext,
  deps: BotDeps,
  data: Record<string, unknown>,
  token: string,
) => Promise<AdaptiveCardInvokeResponse>;

const VERBS: Record<string, VerbHandler> = {
  createConversation: handleCreate,
  newDraft: handleNewDraft,
};

/** `adaptiveCard/action` (Universal Actions): every answer replaces the card in place. */
export async function handleCardAction(
  context: TurnContext,
  deps: BotDeps,
  value: AdaptiveCardInvokeValue,
): Promise<AdaptiveCardInvokeResponse> {
  const handler = VERBS[value.action.verb];
  if (!handler) return errorResponse(400, 'BadRequest', `Unknown verb "${value.action.verb}".`);
  const auth = await tokenForInvoke(context, deps, proofFrom(value), {
    signIn: loginRequest,
    exchangeFailed,
  });
  if ('response' in auth) return auth.response;
  return handler(context, deps, value.action.data ?? {}, auth.token);
}

async function handleCreate(
  context: TurnContext,
  deps: BotDeps,
  data: Record<string, unknown>,
  token: string,
): Promise<AdaptiveCardInvokeResponse> {
  const submission = readSubmission(data);
  if (!submission) return errorResponse(400, 'BadRequest', 'The card is missing its draft id.');
  const { draftId, target, values } = submission;

  const result = await runSubmission(context, deps, submission, token, deps.invokeBudgetMs);
  switch (result.status) {
    case 'invalid':
      return cardResponse(
        renderFormCard({ draftId, target, values, errors: result.errors, attempted: true }),
      );
    case 'created':
      return cardResponse(renderConfirmationCard(result.confirmation));
    case 'pending':
      return cardResponse(renderPendingCard(draftId, target, values));
    case 'failed': {
      // Sign-in needed again: Teams signs the user in, then resends this same action with the draft in it.
      const offer = await renewedSignIn(context, deps, result.failure);
      if (offer) return loginRequest(offer);
      const notice = noticeFor(result.failure, isKnownMember(submission));
      return cardResponse(renderFormCard({ draftId, target, values, ...notice, attempted: true }));
    }
  }
}

async function handleNewDraft(
  context: TurnContext,
  deps: BotDeps,
  _data: Record<string, unknown>,
  token: string,
): Promise<AdaptiveCardInvokeResponse> {
  return cardResponse(await buildNewForm(context, deps, token));
}

function cardResponse(card: AdaptiveCard): AdaptiveCardInvokeResponse {
  return { statusCode: 200, type: ADAPTIVE_CARD_CONTENT_TYPE, value: card };
}

function errorResponse(statusCode: number, code: string, message: string): AdaptiveCardInvokeResponse {
  return { statusCode, type: 'application/vnd.microsoft.error', value: { code, message } };
}
