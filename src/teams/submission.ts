import type { TurnContext } from 'botbuilder';
import type { SignInOffer } from '../auth/token-provider';
import type { CardAction, DraftRefData, DraftSubmitData } from '../cards/contract';
import type { DraftSituation, DraftStatusModel } from '../cards/draft-status-card';
import type { FormCardModel } from '../cards/form-card';
import type { PendingCardModel } from '../cards/pending-card';
import type { UnknownCardModel } from '../cards/unknown-card';
import type { DraftRecord } from '../conversations/draft-record';
import type { SubmitOutcome } from '../conversations/outcome';
import { type DraftIntent, handleDraft, othersView } from '../conversations/submit-draft';
import type { Confirmation } from '../domain/confirmation';
import type { DraftAuthor, DraftInput, GroupTarget, SubmittedDraft } from '../domain/draft';
import { validateDraft } from '../domain/validation';
import { text } from '../i18n/catalog';
import type { Language } from '../i18n/language';
import type { BotDeps } from './bot-deps';
import { noticeFor } from './failure-notice';
import { outcomeLogFields } from './outcome-log';
import { renewedSignIn } from './sign-in';
import { draftKey, languageOfTurn, userKeyOf } from './turn';

/** How one surface (a chat card, a message-extension dialog) shows each state of a draft. */
export interface SubmissionSurface<R> {
  form(model: FormCardModel): R;
  created(confirmation: Confirmation): R;
  pending(model: PendingCardModel): R;
  unknown(model: UnknownCardModel): R;
  status(model: DraftStatusModel): R;
  signIn(offer: SignInOffer): R;
}

/** A draft action as the contract read it; `refresh` marks Teams' automatic refresh of a card. */
export type DraftAction =
  | { verb: 'createConversation'; data: DraftSubmitData; refresh: boolean }
  | { verb: 'checkConversation' | 'postAnyway'; data: DraftRefData; refresh: boolean };

type DraftCardAction = Extract<
  CardAction,
  { verb: 'createConversation' | 'checkConversation' | 'postAnyway' }
>;

const DRAFT_VERBS: ReadonlySet<string> = new Set(['createConversation', 'checkConversation', 'postAnyway']);

/** Whether a card action is about a conversation draft (as opposed to a reply or a list). */
export function isDraftAction(action: CardAction): action is DraftCardAction {
  return DRAFT_VERBS.has(action.verb);
}

/**
 * The one submit path. Validation, authorship and exactly-once posting happen here whatever the surface;
 * the surface only renders the result. A refresh, and anything from someone who is not the draft's author,
 * only ever shows the draft's state.
 */
export async function answerSubmission<R>(
  context: TurnContext,
  deps: BotDeps,
  action: DraftAction,
  token: string,
  surface: SubmissionSurface<R>,
  answerWithinMs: number,
): Promise<R> {
  const { draftId } = action.data;
  let intent: DraftIntent;
  if (action.refresh || action.verb === 'checkConversation') intent = { kind: 'check' };
  else if (action.verb === 'postAnyway') intent = { kind: 'postAnyway' };
  else {
    const draft = submittedDraft(action.data, languageOfTurn(context));
    const validation = validateDraft(draft.values);
    if (!validation.ok)
      return surface.form({ draftId, ...draft, errors: validation.errors, attempted: true });
    intent = { kind: 'submit', draft, valid: validation.draft };
  }
  const actor = authorOf(context);
  const outcome = await handleDraft(
    { graphBaseUrl: deps.graphBaseUrl, ledger: deps.ledger, logger: deps.logger },
    {
      key: draftKey(context, draftId),
      draftId,
      actor,
      intent,
      tokens: { token, refresh: () => deps.tokens.refreshToken(context, token) },
      answerWithinMs,
    },
  );
  logOutcome(deps, draftId, intent.kind, outcome);
  return render(context, deps, surface, draftId, actor, outcome);
}

/**
 * A refresh or "Check again" from a viewer who is not signed in. For someone else's draft, or a posted one,
 * the answer needs no Graph call and so no token: they see its state instead of a sign-in prompt. Undefined
 * when only the author's token can answer (their own unposted draft).
 */
export async function answerWithoutToken<R>(
  context: TurnContext,
  deps: BotDeps,
  action: DraftAction,
  surface: SubmissionSurface<R>,
): Promise<R | undefined> {
  if (!action.refresh && action.verb !== 'checkConversation') return undefined;
  const record = await deps.ledger.read<DraftRecord>(draftKey(context, action.data.draftId));
  if (!record) return undefined;
  if (record.state.phase === 'created') return surface.created(record.state.confirmation);
  const actor = authorOf(context);
  if (record.author.userKey === actor.userKey) return undefined;
  return render(context, deps, surface, action.data.draftId, actor, othersView(record));
}

async function render<R>(
  context: TurnContext,
  deps: BotDeps,
  surface: SubmissionSurface<R>,
  draftId: string,
  actor: DraftAuthor,
  outcome: SubmitOutcome,
): Promise<R> {
  switch (outcome.status) {
    case 'created':
      return surface.created(outcome.confirmation);
    case 'open': {
      const { draft, failure } = outcome;
      if (!failure) return surface.form({ draftId, ...draft });
      // Sign-in needed again: Teams signs the user in, then resends this same action.
      const offer = await renewedSignIn(context, deps, failure);
      if (offer) return surface.signIn(offer);
      const notice = noticeFor(failure, isKnownMember(draft));
      return surface.form({ draftId, ...draft, ...notice, attempted: true });
    }
    case 'pending':
      return surface.pending({
        draftId,
        topic: outcome.draft.values.topic ?? '',
        author: outcome.author,
        byViewer: outcome.author.userKey === actor.userKey,
      });
    case 'unknown':
      return surface.unknown({
        draftId,
        topic: outcome.draft.values.topic ?? '',
        groupName: outcome.groupName,
        author: outcome.author,
        lookedUp: outcome.lookedUp,
        requestId: outcome.requestId,
      });
    case 'othersDraft':
      return surface.status({
        situation: SITUATIONS.get(outcome.phase) ?? 'othersPosting',
        authorName: outcome.author?.name,
        topic: outcome.topic,
      });
    case 'missing':
      return surface.status({ situation: 'missing' });
  }
}

const SITUATIONS = new Map<string, DraftSituation>([
  ['open', 'othersOpen'],
  ['posting', 'othersPosting'],
  ['unknown', 'othersUnknown'],
]);

/** The sender of this turn, as a draft's author is kept. */
export function authorOf(context: TurnContext): DraftAuthor {
  const { from } = context.activity;
  return {
    userKey: userKeyOf(context),
    mri: from.id,
    name: from.name ?? '',
  };
}

function logOutcome(deps: BotDeps, draftId: string, intent: string, outcome: SubmitOutcome): void {
  deps.logger.info('draft.answered', {
    draftId,
    intent,
    groupId: outcome.status === 'created' ? outcome.confirmation.groupId : undefined,
    ...outcomeLogFields(
      outcome.status,
      outcome.status === 'open' ? outcome.failure : undefined,
      outcome.status === 'unknown' ? outcome.requestId : undefined,
    ),
  });
}

/**
 * The user belongs to the target group when it is their team's group or one Graph listed as theirs. Then an
 * access-denied answer cannot mean "not a member": it means the app lacks the permission (consent).
 */
function isKnownMember(draft: SubmittedDraft): boolean {
  const { target, values } = draft;
  if (target.kind === 'linked') return true;
  return target.groups.some((group) => group.id === values.groupId);
}

/** The draft a form submit carries: its inputs, and the group it may go to (named in `language`). */
export function submittedDraft(data: DraftSubmitData, language: Language): SubmittedDraft {
  const linkedGroupId = nonEmpty(data.linkedGroupId);
  const displayName = nonEmpty(data.linkedGroupName) ?? text(language, 'messages.form.thisTeam');
  const target: GroupTarget = linkedGroupId
    ? { kind: 'linked', id: linkedGroupId, displayName }
    : { kind: 'choice', groups: data.groupChoices ?? [] };
  const values: DraftInput = {
    topic: nonEmpty(data.topic),
    body: nonEmpty(data.body),
    participants: nonEmpty(data.participants),
    emails: nonEmpty(data.emails),
    groupId: linkedGroupId ?? nonEmpty(data.groupId),
  };
  return { target, values };
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.length === 0 ? undefined : value;
}
