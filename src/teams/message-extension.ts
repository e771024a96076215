import {
  type Activity,
  ActivityTypes,
  type MessagingExtensionAction,
  type MessagingExtensionActionResponse,
  type TurnContext,
} from 'botbuilder';
import { answerExchangeFailure } from '../auth/exchange-failure';
import { renderConfirmationCard } from '../cards/confirmation-card';
import { renderFormCard } from '../cards/form-card';
import { renderJitInstallCard } from '../cards/jit-install-card';
import { renderPendingCard } from '../cards/pending-card';
import { type AdaptiveCard, cardAttachment } from '../cards/render';
import type { BotDeps } from './bot-deps';
import { isKnownMember, readDraftInput, readSubmission, runSubmission } from './draft-submission';
import { noticeFor } from './failure-notice';
import { draftFromMessage } from './message-prefill';
import { buildNewForm } from './new-form';
import { isBotNotInRoster } from './roster';
import { messageExtensionSignIn, proofFrom, renewedSignIn, tokenForInvoke } from './sign-in';
import { submissionKey } from './turn';

/** Teams gives submitAction 5 s; this leaves time to render and send the answer. */
const SUBMIT_BUDGET_MS = 4_000;
const DIALOG = { title: 'Start a group conversation', height: 'large', width: 'medium' } as const;

type Response = MessagingExtensionActionResponse;

/** composeExtension/fetchTask: the form in a dialog, prefilled from the message it was opened on. */
export async function handleFetchTask(context: TurnContext, deps: BotDeps, action: MessagingExtensionAction) {
  const auth = await tokenFor(context, deps);
  if ('response' in auth) return auth.response;
  const prefill =
    action.commandContext === 'message' && action.messagePayload
      ? draftFromMessage(action.messagePayload)
      : {};
  return dialog(await buildNewForm(context, deps, auth.token, prefill, { inDialog: true }));
}

/** composeExtension/submitAction from the dialog: validate, post once, answer with a preview. */
export async function handleSubmitAction(
  context: TurnContext,
  deps: BotDeps,
  action: MessagingExtensionAction,
) {
  const data = (action.data ?? {}) as Record<string, unknown>;
  if (isJitInstallRetry(data)) return shareAfterInstall(context, deps, data);
  const auth = await tokenFor(context, deps);
  if ('response' in auth) return auth.response;
  const submission = readSubmission(data);
  if (!submission) return dialog(await buildNewForm(context, deps, auth.token, {}, { inDialog: true }));
  const { draftId, target, values } = submission;

  const budget = Math.min(deps.invokeBudgetMs, SUBMIT_BUDGET_MS);
  const result = await runSubmission(context, deps, submission, auth.token, budget);
  switch (result.status) {
    case 'invalid':
      return dialog(
        renderFormCard({ draftId, target, values, errors: result.errors, attempted: true, inDialog: true }),
      );
    case 'created':
      return preview(renderConfirmationCard(result.confirmation, values));
    case 'pending':
      // Graph is slower than Teams waits: the preview's card refreshes itself into the confirmation.
      return preview(renderPendingCard(draftId, target, values));
    case 'failed': {
      const offer = await renewedSignIn(context, deps, result.failure);
      if (offer) return messageExtensionSignIn(offer);
      const notice = noticeFor(result.failure, isKnownMember(submission));
      return dialog(renderFormCard({ draftId, target, values, ...notice, attempted: true, inDialog: true }));
    }
  }
}

/** "Edit" on the preview: back to the form with everything that was typed. */
export async function handlePreviewEdit(
  context: TurnContext,
  deps: BotDeps,
  action: MessagingExtensionAction,
) {
  const auth = await tokenFor(context, deps);
  if ('response' in auth) return auth.response;
  const previewData = previewActionData(action);
  const draft = readDraftInput((previewData.draft as Record<string, unknown> | undefined) ?? previewData);
  const alreadyPosted = typeof previewData.conversationId === 'string';
  return dialog(
    await buildNewForm(context, deps, auth.token, draft, {
      inDialog: true,
      notice: alreadyPosted
        ? 'This conversation is already posted. Change anything and submit to start another one.'
        : undefined,
    }),
  );
}

/** "Send" on the preview: the bot posts the card into the conversation, if it is allowed there. */
export async function handlePreviewSend(context: TurnContext, action: MessagingExtensionAction) {
  const card = previewCard(action);
  if (!card) return {};
  try {
    await context.sendActivity({ type: ActivityTypes.Message, attachments: [cardAttachment(card)] });
  } catch (error) {
    if (!isBotNotInRoster(error)) throw error;
    const data = previewActionData(action);
    const draft = readDraftInput((data.draft as Record<string, unknown> | undefined) ?? data);
    const draftId = typeof data.draftId === 'string' ? data.draftId : '';
    return dialog(renderJitInstallCard(draftId, draft.topic ?? ''), 'Add Group Conversations');
  }
  return {};
}

async function shareAfterInstall(context: TurnContext, deps: BotDeps, data: Record<string, unknown>) {
  const draftId = typeof data.draftId === 'string' ? data.draftId : '';
  const confirmation = draftId
    ? await deps.ledger.confirmationOf(submissionKey(context, draftId))
    : undefined;
  if (confirmation)
    await context.sendActivity({ attachments: [cardAttachment(renderConfirmationCard(confirmation))] });
  return {};
}

function isJitInstallRetry(data: Record<string, unknown>): boolean {
  return (data.msteams as { justInTimeInstall?: boolean } | undefined)?.justInTimeInstall === true;
}

async function tokenFor(context: TurnContext, deps: BotDeps) {
  return tokenForInvoke<Response>(context, deps, proofFrom(context.activity.value), {
    signIn: messageExtensionSignIn,
    exchangeFailed: async (detail) => {
      const value = context.activity.value as { authentication?: { id?: string } } | undefined;
      await answerExchangeFailure(context, {
        id: value?.authentication?.id ?? context.activity.id,
        connectionName: deps.connectionName ?? '',
        failureDetail: detail,
      });
      return {};
    },
  });
}

function dialog(card: AdaptiveCard, title: string = DIALOG.title): Response {
  return {
    task: {
      type: 'continue',
      value: { card: cardAttachment(card), title, height: DIALOG.height, width: DIALOG.width },
    },
  };
}

function preview(card: AdaptiveCard): Response {
  return {
    composeExtension: {
      type: 'botMessagePreview',
      activityPreview: {
        type: ActivityTypes.Message,
        attachments: [cardAttachment(card)],
      } as Partial<Activity> as Activity,
    },
  };
}

function previewCard(action: MessagingExtensionAction): AdaptiveCard | undefined {
  const content = action.botActivityPreview?.[0]?.attachments?.[0]?.content as AdaptiveCard | undefined;
  return content && typeof content === 'object' ? content : undefined;
}

function previewActionData(action: MessagingExtensionAction): Record<string, unknown> {
  const card = previewCard(action) as { actions?: Array<{ data?: Record<string, unknown> }> } | undefined;
  return card?.actions?.[0]?.data ?? {};
}
