import type { Client } from '@microsoft/microsoft-graph-client';
import type { DraftAuthor, SubmittedDraft, ValidDraft } from '../domain/draft';
import { validateDraft } from '../domain/validation';
import { createGraphClient } from '../graph/client';
import { findPostedConversation } from '../graph/conversations';
import { GraphFailure } from '../graph/errors';
import type { Logger } from '../shared/logger';
import { type DraftRecord, restoreFailure } from './draft-record';
import type { AttemptResult, DraftLedger } from './ledger';
import type { SubmitOutcome } from './outcome';
import { createdRecord, postDraft } from './post-draft';
import { type FollowUpIntent, type TurnTokens, withOneRefresh } from './turn-tokens';

/**
 * submit: the author (or the first sender) asks to post the draft they submitted.
 * check: a "Check again" click or any card refresh: never posts; only looks for a conversation whose
 * create had no answer. postAnyway: the author's explicit choice after a look-up found nothing.
 */
export type DraftIntent = { kind: 'submit'; draft: SubmittedDraft; valid: ValidDraft } | FollowUpIntent;

export interface DraftRequest {
  /** The draft's key: per tenant and draft id, never per user (a draft has one author). */
  key: string;
  draftId: string;
  actor: DraftAuthor;
  intent: DraftIntent;
  tokens: TurnTokens;
  /** How long the caller can wait before it must answer its client; the work may go on after it. */
  answerWithinMs: number;
}

export interface SubmitDraftDeps {
  graphBaseUrl: URL;
  ledger: DraftLedger;
  /** The turn's: the attempt may outlive the turn's answer and still names it. */
  logger: Logger;
}

/**
 * How long an attempt may go on after its caller answered ("Posting…"). Every Graph request of the attempt
 * is aborted by then, so a claim can never outlive its attempt (the ledger takes claims over after 120 s).
 */
export const ATTEMPT_WORK_MS = 25_000;
/** Exchange and our clock may disagree: conversations this much older than the first post still count. */
const CLOCK_SKEW_MS = 2 * 60_000;

/** The one submit path: whatever the surface, a draft is posted at most once, by its author. */
export async function handleDraft(deps: SubmitDraftDeps, request: DraftRequest): Promise<SubmitOutcome> {
  const stored = await deps.ledger.read(request.key);
  if (stored?.state.phase === 'created')
    return { status: 'created', confirmation: stored.state.confirmation };
  if (stored && stored.author.userKey !== request.actor.userKey) return othersView(stored);
  if (!stored) {
    if (request.intent.kind !== 'submit') return { status: 'missing' };
    const author = await deps.ledger.claimAuthorship(request.key, request.actor.userKey);
    if (author !== request.actor.userKey) return afterLostAuthorship(deps, request);
  }
  const workDeadline = Date.now() + Math.max(request.answerWithinMs, ATTEMPT_WORK_MS);
  const result = await deps.ledger.attempt(
    request.key,
    request.answerWithinMs,
    (current, { save }) =>
      withOneRefresh(request.tokens, (token) => {
        const client = createGraphClient({ baseUrl: deps.graphBaseUrl, token, deadline: workDeadline });
        return step({ client, deadline: workDeadline, save }, deps, request, current);
      }),
    deps.logger,
  );
  return outcomeFor(result, stored, request);
}

/** Someone else won the draft between our read and our claim: show theirs once it is written. */
async function afterLostAuthorship(deps: SubmitDraftDeps, request: DraftRequest): Promise<SubmitOutcome> {
  const record = await deps.ledger.read(request.key);
  if (record?.state.phase === 'created')
    return { status: 'created', confirmation: record.state.confirmation };
  return record ? othersView(record) : { status: 'othersDraft', phase: 'posting' };
}

/** What one attempt works with: the user's Graph client, when it must stop, and how to save midway. */
interface AttemptTools {
  client: Client;
  deadline: number;
  save(record: DraftRecord): Promise<void>;
}

async function step(
  tools: AttemptTools,
  deps: SubmitDraftDeps,
  request: DraftRequest,
  current: DraftRecord | undefined,
): Promise<DraftRecord> {
  const { intent } = request;
  const record = current ?? newRecord(request);
  switch (record.state.phase) {
    case 'created':
      return record;
    // "posting" found under the claim means its holder died mid-create: as unknown as a lost answer.
    case 'posting':
    case 'unknown':
      return reconcile(tools, deps, record, intent.kind === 'postAnyway');
    case 'open': {
      if (intent.kind === 'check') return record;
      const next = intent.kind === 'submit' ? { ...record, draft: intent.draft } : record;
      const valid = intent.kind === 'submit' ? intent.valid : validStored(record);
      return postDraft(tools.client, next, valid, tools.save, tools.deadline);
    }
  }
}

/**
 * A create went out without a conclusive answer. Before anything is posted again the group is searched;
 * "not found" does not prove much (a new conversation can take a few seconds to be listed), so only the
 * author's explicit "Post anyway" posts after it.
 */
async function reconcile(
  tools: AttemptTools,
  deps: SubmitDraftDeps,
  record: DraftRecord,
  postAnyway: boolean,
): Promise<DraftRecord> {
  const { client } = tools;
  if (record.state.phase !== 'posting' && record.state.phase !== 'unknown') return record;
  const { groupName, recipients, since } = record.state;
  const valid = validStored(record);
  const firstPostAt = Date.parse(record.firstPostAt ?? since);
  try {
    const found = await findPostedConversation(client, valid.groupId, {
      topic: valid.topic,
      since: new Date(firstPostAt - CLOCK_SKEW_MS),
      senderName: record.author.name,
      baseUrl: deps.graphBaseUrl,
    });
    if (found) return createdRecord(record, valid, { groupName, recipients }, found);
    if (postAnyway) return postDraft(client, reopened(record), valid, tools.save, tools.deadline);
    return { ...record, state: { ...record.state, phase: 'unknown', lookedUp: true } };
  } catch (error) {
    if (!(error instanceof GraphFailure)) throw error;
    if (postAnyway) return postDraft(client, reopened(record), valid, tools.save, tools.deadline);
    return {
      ...record,
      state: { ...record.state, phase: 'unknown', lookedUp: false, requestId: error.requestId },
    };
  }
}

function reopened(record: DraftRecord): DraftRecord {
  return { ...record, state: { phase: 'open' } };
}

/** What the caller can tell its user once the attempt finished, or while it still runs. */
function outcomeFor(
  result: AttemptResult,
  stored: DraftRecord | undefined,
  request: DraftRequest,
): SubmitOutcome {
  if (result.status === 'busy') {
    const draft = stored?.draft ?? (request.intent.kind === 'submit' ? request.intent.draft : undefined);
    return draft
      ? { status: 'pending', author: stored?.author ?? request.actor, draft }
      : { status: 'missing' };
  }
  const { record } = result;
  const { state } = record;
  switch (state.phase) {
    case 'created':
      return { status: 'created', confirmation: state.confirmation };
    case 'open':
      return { status: 'open', draft: record.draft, failure: state.failure && restoreFailure(state.failure) };
    case 'posting':
      return { status: 'pending', author: record.author, draft: record.draft };
    case 'unknown':
      return {
        status: 'unknown',
        author: record.author,
        draft: record.draft,
        groupName: state.groupName,
        lookedUp: state.lookedUp,
        requestId: state.requestId,
      };
  }
}

/** What someone who is not the draft's author sees of it: never more than its state. */
export function othersView(record: DraftRecord): SubmitOutcome {
  const { phase } = record.state;
  return {
    status: 'othersDraft',
    author: record.author,
    phase: phase === 'created' ? 'posting' : phase,
    topic: record.draft.values.topic,
  };
}

function newRecord(request: DraftRequest): DraftRecord {
  if (request.intent.kind !== 'submit') throw new Error('Only a submit creates a draft record');
  return {
    draftId: request.draftId,
    author: request.actor,
    draft: request.intent.draft,
    state: { phase: 'open' },
  };
}

/** A stored draft passed validation when it was submitted; validating again gives its typed form. */
function validStored(record: DraftRecord): ValidDraft {
  const result = validateDraft(record.draft.values);
  if (!result.ok) throw new Error('A stored draft no longer validates');
  return result.draft;
}
