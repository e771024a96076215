import type { AdaptiveCardInvokeResponse, AdaptiveCardInvokeValue, TurnContext } from 'botbuilder';
import { renderConfirmationCard } from '../cards/confirmation-card';
import { type GroupChoice, type GroupTarget, renderFormCard } from '../cards/form-card';
import { renderPendingCard } from '../cards/pending-card';
import { ADAPTIVE_CARD_CONTENT_TYPE, type AdaptiveCard } from '../cards/render';
import { submitDraft } from '../conversations/submit-draft';
import type { DraftInput } from '../domain/draft';
import { validateDraft } from '../domain/validation';
import type { BotDeps } from './bot-deps';
import { noticeFor } from './failure-notice';
import { buildNewForm } from './new-form';
import { exchangeFailed, loginRequest, proofFrom, tokenForInvoke } from './sign-in';
import { submissionKey } from './turn';

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
  const submitted = readSubmission(data);
  if (!submitted) return errorResponse(400, 'BadRequest', 'The card is missing its draft id.');
  const { draftId, target, values } = submitted;

  const validation = validateDraft(values);
  if (!validation.ok)
    return cardResponse(
      renderFormCard({ draftId, target, values, errors: validation.errors, attempted: true }),
    );

  const outcome = await submitDraft(
    { graphBaseUrl: deps.graphBaseUrl, ledger: deps.ledger },
    {
      key: submissionKey(context, draftId),
      draftId,
      draft: validation.draft,
      startedBy: context.activity.from.name ?? '',
      tokens: { token, refresh: () => deps.tokens.refreshToken(context, token) },
      budgetMs: deps.invokeBudgetMs,
    },
  );
  switch (outcome.status) {
    case 'created':
      deps.logger.info('conversation.created', { draftId, groupId: outcome.confirmation.groupId });
      return cardResponse(renderConfirmationCard(outcome.confirmation));
    case 'pending':
      deps.logger.warn('conversation.pending', { draftId });
      return cardResponse(renderPendingCard(draftId, target, values));
    case 'failed': {
      // A token Graph still refuses after one refresh: sign in again; Teams then resends this same action.
      if (outcome.failure.kind === 'graph' && outcome.failure.error.kind === 'unauthorized') {
        const offer = await deps.tokens.signInOffer(context);
        if (offer) return loginRequest(offer);
      }
      const notice = noticeFor(outcome.failure);
      deps.logger.warn('conversation.failed', {
        draftId,
        kind: outcome.failure.kind,
        status: outcome.failure.kind === 'graph' ? outcome.failure.error.status : undefined,
        code: outcome.failure.kind === 'graph' ? outcome.failure.error.code : undefined,
        requestId: notice.requestId,
      });
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

const DRAFT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The inputs merged with the action's data, as Teams sends them, read defensively. */
function readSubmission(
  data: Record<string, unknown>,
): { draftId: string; target: GroupTarget; values: DraftInput } | undefined {
  const draftId = text(data.draftId);
  if (!draftId || !DRAFT_ID.test(draftId)) return undefined;
  const linkedGroupId = text(data.linkedGroupId);
  const target: GroupTarget = linkedGroupId
    ? { kind: 'linked', id: linkedGroupId, displayName: text(data.linkedGroupName) ?? 'this team' }
    : { kind: 'choice', groups: groupChoices(data.groupChoices) };
  const values: DraftInput = {
    topic: text(data.topic),
    body: text(data.body),
    participants: text(data.participants),
    emails: text(data.emails),
    groupId: linkedGroupId ?? text(data.groupId),
  };
  return { draftId, target, values };
}

function groupChoices(value: unknown): GroupChoice[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((item: unknown) => {
    const choice = item as { id?: unknown; displayName?: unknown };
    return typeof choice.id === 'string' && typeof choice.displayName === 'string'
      ? [{ id: choice.id, displayName: choice.displayName }]
      : [];
  });
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

function cardResponse(card: AdaptiveCard): AdaptiveCardInvokeResponse {
  return { statusCode: 200, type: ADAPTIVE_CARD_CONTENT_TYPE, value: card };
}

function errorResponse(statusCode: number, code: string, message: string): AdaptiveCardInvokeResponse {
  return { statusCode, type: 'application/vnd.microsoft.error', value: { code, message } };
}
