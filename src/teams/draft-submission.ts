import type { TurnContext } from 'botbuilder';
import type { GroupChoice, GroupTarget } from '../cards/form-card';
import type { SubmitOutcome } from '../conversations/outcome';
import { submitDraft } from '../conversations/submit-draft';
import type { DraftInput, FieldError } from '../domain/draft';
import { validateDraft } from '../domain/validation';
import type { BotDeps } from './bot-deps';
import { submissionKey } from './turn';

/** A form submit as any entry point receives it: the inputs merged with the form's own data. */
export interface Submission {
  draftId: string;
  target: GroupTarget;
  values: DraftInput;
}

export type SubmissionResult = { status: 'invalid'; errors: FieldError[] } | SubmitOutcome;

/** Validates, then posts once per draft (see SubmissionLedger). Shared by the chat card and the dialog. */
export async function runSubmission(
  context: TurnContext,
  deps: BotDeps,
  submission: Submission,
  token: string,
  budgetMs: number,
): Promise<SubmissionResult> {
  const validation = validateDraft(submission.values);
  if (!validation.ok) return { status: 'invalid', errors: validation.errors };
  const outcome = await submitDraft(
    { graphBaseUrl: deps.graphBaseUrl, ledger: deps.ledger },
    {
      key: submissionKey(context, submission.draftId),
      draftId: submission.draftId,
      draft: validation.draft,
      startedBy: context.activity.from.name ?? '',
      tokens: { token, refresh: () => deps.tokens.refreshToken(context, token) },
      budgetMs,
    },
  );
  logOutcome(deps, submission.draftId, outcome);
  return outcome;
}

function logOutcome(deps: BotDeps, draftId: string, outcome: SubmitOutcome): void {
  if (outcome.status === 'created')
    deps.logger.info('conversation.created', { draftId, groupId: outcome.confirmation.groupId });
  else if (outcome.status === 'pending') deps.logger.warn('conversation.pending', { draftId });
  else {
    const graph = outcome.failure.kind === 'graph' ? outcome.failure.error : undefined;
    deps.logger.warn('conversation.failed', {
      draftId,
      kind: outcome.failure.kind,
      status: graph?.status,
      code: graph?.code,
      requestId: graph?.requestId,
    });
  }
}

/**
 * The user belongs to the target group when it is their team's group or one Graph listed as theirs. Then an
 * access-denied answer cannot mean "not a member": it means the app lacks the permission (consent).
 */
export function isKnownMember(submission: Submission): boolean {
  const { target, values } = submission;
  if (target.kind === 'linked') return true;
  return target.groups.some((group) => group.id === values.groupId);
}

const DRAFT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Reads a submit defensively: everything in it came from a client. */
export function readSubmission(data: Record<string, unknown>): Submission | undefined {
  const draftId = text(data.draftId);
  if (!draftId || !DRAFT_ID.test(draftId)) return undefined;
  const linkedGroupId = text(data.linkedGroupId);
  const target: GroupTarget = linkedGroupId
    ? { kind: 'linked', id: linkedGroupId, displayName: text(data.linkedGroupName) ?? 'this team' }
    : { kind: 'choice', groups: groupChoices(data.groupChoices) };
  return { draftId, target, values: readDraftInput(data, linkedGroupId) };
}

export function readDraftInput(data: Record<string, unknown>, linkedGroupId?: string): DraftInput {
  return {
    topic: text(data.topic),
    body: text(data.body),
    participants: text(data.participants),
    emails: text(data.emails),
    groupId: linkedGroupId ?? text(data.groupId),
  };
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
