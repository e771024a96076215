import {
  type Activity,
  ActivityTypes,
  type MessagingExtensionAction,
  type MessagingExtensionActionResponse,
  type TurnContext,
} from 'botbuilder';
import { answerExchangeFailure } from '../auth/exchange-failure';
import { renderConfirmationCard } from '../cards/confirmation-card';
import { cardActionProblem, readCardAction } from '../cards/contract';
import { renderDraftStatusCard } from '../cards/draft-status-card';
import { renderFormCard } from '../cards/form-card';
import { renderJitInstallCard } from '../cards/jit-install-card';
import { renderPendingCard } from '../cards/pending-card';
import { type AdaptiveCard, cardAttachment } from '../cards/render';
import { renderUnknownCard } from '../cards/unknown-card';
import type { DraftRecord } from '../conversations/draft-record';
import { text } from '../i18n/catalog';
import type { Language } from '../i18n/language';
import type { BotDeps } from './bot-deps';
import { InvokeRefusal } from './invoke-answers';
import { draftFromMessage } from './message-prefill';
import { buildNewForm } from './new-form';
import { isBotNotInRoster } from './roster';
import { sendCard } from './send-card';
import { messageExtensionSignIn, proofFrom, tokenForInvoke } from './sign-in';
import { answerSubmission, authorOf, isDraftAction, type SubmissionSurface } from './submission';
import { draftKey, languageOfTurn } from './turn';

/** Teams gives message-extension invokes 5 s; this leaves time to render and send the answer. */
export const MESSAGE_EXTENSION_BUDGET_MS = 4_000;
const DIALOG = { height: 'large', width: 'medium' } as const;

type Response = MessagingExtensionActionResponse;

/**
 * In the dialog: problems keep the dialog open; a posted (or posting) draft becomes a card to share, as a
 * preview the user can edit or send, or as a plain card response from the command box, where Teams does
 * not support bot message previews (https://learn.microsoft.com/microsoftteams/platform/messaging-extensions/how-to/action-commands/respond-to-task-module-submit).
 */
function dialogSurface(commandContext: string | undefined, language: Language): SubmissionSurface<Response> {
  const share = commandContext === 'commandbox' ? cardResult : preview;
  const inDialog = (card: AdaptiveCard) => dialog(card, dialogTitle(language));
  return {
    form: (model) => inDialog(renderFormCard(language, { ...model, inDialog: true })),
    created: (confirmation) => share(renderConfirmationCard(language, confirmation)),
    pending: (model) => share(renderPendingCard(language, model)),
    unknown: (model) => inDialog(renderUnknownCard(language, { ...model, inDialog: true })),
    status: (model) => inDialog(renderDraftStatusCard(language, { ...model, inDialog: true })),
    signIn: (offer) => messageExtensionSignIn(offer, language),
  };
}

/** composeExtension/fetchTask: the form in a dialog, prefilled from the message it was opened on. */
export async function handleFetchTask(context: TurnContext, deps: BotDeps, action: MessagingExtensionAction) {
  const deadline = Date.now() + MESSAGE_EXTENSION_BUDGET_MS;
  const auth = await tokenFor(context, deps);
  if ('response' in auth) return auth.response;
  const prefill =
    action.commandContext === 'message' && action.messagePayload
      ? draftFromMessage(action.messagePayload, languageOfTurn(context))
      : {};
  return dialog(
    await buildNewForm(context, deps, auth.token, prefill, { inDialog: true, deadline }),
    dialogTitle(languageOfTurn(context)),
  );
}

/** composeExtension/submitAction from the dialog: the one submit path, answered within Teams' 5 s. */
export async function handleSubmitAction(
  context: TurnContext,
  deps: BotDeps,
  action: MessagingExtensionAction,
) {
  const deadline = Date.now() + MESSAGE_EXTENSION_BUDGET_MS;
  const data = (action.data ?? {}) as Record<string, unknown>;
  if (isJitInstallRetry(data)) return shareAfterInstall(context, deps, data);
  const auth = await tokenFor(context, deps);
  if ('response' in auth) return auth.response;
  // The dialog's buttons are Action.Submit: the verb travels in their data, the form's own has none.
  const verb = data.verb ?? 'createConversation';
  const read = readCardAction(verb, data);
  const language = languageOfTurn(context);
  // A wrong shape is refused with the field named: dropping it could post the draft without those people.
  if (!read)
    throw new InvokeRefusal(
      context.activity.name,
      400,
      'BadRequest',
      text(language, 'messages.invoke.formRefused', { problem: cardActionProblem(verb, data) ?? '' }),
    );
  if (read.verb === 'newDraft')
    return dialog(
      await buildNewForm(context, deps, auth.token, {}, { inDialog: true, deadline }),
      dialogTitle(language),
    );
  // Replies and recent lists are chat-card actions: a dialog's form never sends them.
  if (!isDraftAction(read))
    throw new InvokeRefusal(
      context.activity.name,
      400,
      'BadRequest',
      text(language, 'messages.invoke.notAvailableHere'),
    );
  const budget = Math.min(deps.invokeBudgetMs, deadline - Date.now());
  const surface = dialogSurface(action.commandContext, language);
  return answerSubmission(context, deps, { ...read, refresh: false }, auth.token, surface, budget);
}

/** "Edit" on the preview: back to the form with the draft as stored, or a fresh one if it is posted. */
export async function handlePreviewEdit(
  context: TurnContext,
  deps: BotDeps,
  action: MessagingExtensionAction,
) {
  const deadline = Date.now() + MESSAGE_EXTENSION_BUDGET_MS;
  const auth = await tokenFor(context, deps);
  if ('response' in auth) return auth.response;
  const record = await ownRecord(context, deps, action);
  const posted = record?.state.phase === 'created';
  return dialog(
    await buildNewForm(context, deps, auth.token, record?.draft.values ?? {}, {
      inDialog: true,
      deadline,
      notice: posted ? { key: 'messages.form.alreadyPosted' } : undefined,
    }),
    dialogTitle(languageOfTurn(context)),
  );
}

/**
 * "Send" on the preview: the bot posts the card into the conversation. The card is rebuilt here from the
 * stored draft; whatever card the client sent back is only used to find the draft id.
 */
export async function handlePreviewSend(
  context: TurnContext,
  deps: BotDeps,
  action: MessagingExtensionAction,
) {
  const record = await ownRecord(context, deps, action);
  if (!record) return {};
  const language = languageOfTurn(context);
  try {
    const fallback =
      record.state.phase === 'created' ? 'messages.share.tooLarge' : 'messages.share.stillPosting';
    await sendCard(context, shareableCard(language, record), text(language, fallback), deps.logger);
  } catch (error) {
    if (!isBotNotInRoster(error)) throw error;
    return dialog(
      renderJitInstallCard(language, record.draftId, record.draft.values.topic ?? ''),
      text(language, 'messages.dialog.addApp', { product: text(language, 'common.productName') }),
    );
  }
  return {};
}

function shareableCard(language: Language, record: DraftRecord): AdaptiveCard {
  if (record.state.phase === 'created') return renderConfirmationCard(language, record.state.confirmation);
  return renderPendingCard(language, {
    draftId: record.draftId,
    topic: record.draft.values.topic ?? '',
    author: record.author,
    byViewer: false,
  });
}

async function shareAfterInstall(context: TurnContext, deps: BotDeps, data: Record<string, unknown>) {
  const draftId = typeof data.draftId === 'string' ? data.draftId : undefined;
  const record = draftId ? await deps.ledger.read(draftKey(context, draftId)) : undefined;
  if (record?.state.phase === 'created' && record.author.userKey === authorOf(context).userKey)
    await sendCard(
      context,
      renderConfirmationCard(languageOfTurn(context), record.state.confirmation),
      text(languageOfTurn(context), 'messages.share.tooLarge'),
      deps.logger,
    );
  return {};
}

/** The sender's own draft that a preview shows: found by the id in the preview card, if it is theirs. */
async function ownRecord(
  context: TurnContext,
  deps: BotDeps,
  action: MessagingExtensionAction,
): Promise<DraftRecord | undefined> {
  const draftId = previewDraftId(action);
  if (!draftId) return undefined;
  const record = await deps.ledger.read(draftKey(context, draftId));
  return record?.author.userKey === authorOf(context).userKey ? record : undefined;
}

function previewDraftId(action: MessagingExtensionAction): string | undefined {
  const card = action.botActivityPreview?.[0]?.attachments?.[0]?.content as
    | {
        actions?: Array<{ data?: { draftId?: unknown } }>;
        refresh?: { action?: { data?: { draftId?: unknown } } };
      }
    | undefined;
  const candidates = [
    card?.refresh?.action?.data?.draftId,
    ...(card?.actions ?? []).map((a) => a.data?.draftId),
  ];
  const found = candidates.find((id) => readCardAction('checkConversation', { draftId: id }));
  return typeof found === 'string' ? found : undefined;
}

function isJitInstallRetry(data: Record<string, unknown>): boolean {
  return (data.msteams as { justInTimeInstall?: boolean } | undefined)?.justInTimeInstall === true;
}

async function tokenFor(context: TurnContext, deps: BotDeps) {
  return tokenForInvoke<Response>(context, deps, proofFrom(context.activity.value), {
    signIn: (offer) => messageExtensionSignIn(offer, languageOfTurn(context)),
    exchangeFailed: (detail) => exchangeFailedAnswer(context, deps, detail),
  });
}

/** Any message-extension invoke whose SSO token could not be exchanged: 412, so Teams offers the sign-in link. */
export async function exchangeFailedAnswer(
  context: TurnContext,
  deps: BotDeps,
  detail: string,
): Promise<Record<string, never>> {
  const value = context.activity.value as { authentication?: { id?: string } } | undefined;
  await answerExchangeFailure(context, {
    id: value?.authentication?.id ?? context.activity.id,
    connectionName: deps.connectionName ?? '',
    failureDetail: detail,
  });
  return {};
}

function dialogTitle(language: Language): string {
  return text(language, 'messages.dialog.title');
}

function dialog(card: AdaptiveCard, title: string): Response {
  return {
    task: {
      type: 'continue',
      value: { card: cardAttachment(card), title, height: DIALOG.height, width: DIALOG.width },
    },
  };
}

function cardResult(card: AdaptiveCard): Response {
  return {
    composeExtension: { type: 'result', attachmentLayout: 'list', attachments: [cardAttachment(card)] },
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
