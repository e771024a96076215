import type { Client } from '@microsoft/microsoft-graph-client';
import type { DraftAuthor } from '../domain/draft';
import type { ReplyTarget } from '../domain/reply';
import { toReplyRequest } from '../domain/reply';
import { createGraphClient } from '../graph/client';
import { GraphFailure } from '../graph/errors';
import { type MailboxQueue, MailboxQueueTimeout, mailboxQueue } from '../graph/mailbox-queue';
import { findReplyBy, firstThreadId, listThreadPosts, replyToThread } from '../graph/threads';
import type { Logger } from '../shared/logger';
import { restoreFailure, storeFailure } from './draft-record';
import type { DraftLedger } from './ledger';
import type { SubmitFailure } from './outcome';
import type { ReplyRecord } from './reply-record';
import { ATTEMPT_WORK_MS } from './submit-draft';
import { type FollowUpIntent, type TurnTokens, withOneRefresh } from './turn-tokens';

/**
 * The reply path: the create's rules (docs/decisions.md "Exactly once") for `POST …/threads/{id}/reply`.
 * One reply per reply draft, posted only by its author, never repeated after an unknown outcome without a
 * look-up and, if that finds nothing, the author's explicit "Post anyway".
 */

export type ReplyIntent = { kind: 'submit'; target: ReplyTarget; message: string } | FollowUpIntent;

export interface ReplyRequestContext {
  /** Per tenant, viewer and reply-draft id: a card seen by many carries one id, each viewer's reply is theirs. */
  key: string;
  replyDraftId: string;
  actor: DraftAuthor;
  intent: ReplyIntent;
  tokens: TurnTokens;
  answerWithinMs: number;
}

export interface ReplyDeps {
  graphBaseUrl: URL;
  ledger: DraftLedger;
  /** The turn's: the attempt may outlive the turn's answer and still names it. */
  logger: Logger;
  queue?: MailboxQueue;
}

export type ReplyOutcome =
  | { status: 'posted'; target: ReplyTarget; at: string }
  | { status: 'open'; target: ReplyTarget; message: string; failure?: SubmitFailure }
  | { status: 'pending'; target: ReplyTarget }
  | { status: 'unknown'; target: ReplyTarget; author: DraftAuthor; lookedUp: boolean; requestId?: string }
  /** A check or refresh of a reply draft this viewer never submitted. */
  | { status: 'missing' };

/** Exchange and our clock may disagree: posts this much older than the first POST still count. */
const CLOCK_SKEW_MS = 2 * 60_000;
/** As for a create (post-draft.ts): a POST whose turn comes this late is not started at all. */
const POST_RESERVE_MS = 5_000;

export async function handleReply(deps: ReplyDeps, request: ReplyRequestContext): Promise<ReplyOutcome> {
  const stored = await deps.ledger.read<ReplyRecord>(request.key);
  if (stored?.state.phase === 'posted')
    return { status: 'posted', target: stored.target, at: stored.state.at };
  // The key names the viewer, so this holds by construction; checked anyway: never post in another's name.
  if (stored && stored.author.userKey !== request.actor.userKey) return { status: 'missing' };
  if (!stored) {
    if (request.intent.kind !== 'submit') return { status: 'missing' };
    const author = await deps.ledger.claimAuthorship(request.key, request.actor.userKey);
    if (author !== request.actor.userKey) return { status: 'missing' };
  }
  const workDeadline = Date.now() + Math.max(request.answerWithinMs, ATTEMPT_WORK_MS);
  const result = await deps.ledger.attempt<ReplyRecord>(
    request.key,
    request.answerWithinMs,
    async (current, { save }) => {
      const run = (token: string) =>
        step(
          createGraphClient({ baseUrl: deps.graphBaseUrl, token, deadline: workDeadline }),
          deps,
          request,
          current ?? newRecord(request),
          save,
          workDeadline,
        );
      return withOneRefresh(request.tokens, run);
    },
    deps.logger,
  );
  if (result.status === 'busy') {
    const target = stored?.target ?? (request.intent.kind === 'submit' ? request.intent.target : undefined);
    return target ? { status: 'pending', target } : { status: 'missing' };
  }
  return outcomeOf(result.record);
}

function outcomeOf(record: ReplyRecord): ReplyOutcome {
  const { state, target } = record;
  switch (state.phase) {
    case 'posted':
      return { status: 'posted', target, at: state.at };
    case 'open':
      return {
        status: 'open',
        target,
        message: record.message,
        failure: state.failure && restoreFailure(state.failure),
      };
    case 'posting':
      return { status: 'pending', target };
    case 'unknown':
      return {
        status: 'unknown',
        target,
        author: record.author,
        lookedUp: state.lookedUp,
        requestId: state.requestId,
      };
  }
}

async function step(
  client: Client,
  deps: ReplyDeps,
  request: ReplyRequestContext,
  record: ReplyRecord,
  save: (record: ReplyRecord) => Promise<void>,
  deadline: number,
): Promise<ReplyRecord> {
  const { intent } = request;
  switch (record.state.phase) {
    case 'posted':
      return record;
    // "posting" found under the claim means its holder died mid-POST: as unknown as a lost answer.
    case 'posting':
    case 'unknown':
      return reconcile(client, deps, record, intent.kind === 'postAnyway', save, deadline);
    case 'open': {
      if (intent.kind === 'check') return record;
      const next = intent.kind === 'submit' ? { ...record, message: intent.message } : record;
      return post(client, deps, next, save, deadline);
    }
  }
}

async function post(
  client: Client,
  deps: ReplyDeps,
  record: ReplyRecord,
  save: (record: ReplyRecord) => Promise<void>,
  deadline: number,
): Promise<ReplyRecord> {
  let target = record.target;
  try {
    if (target.threadId === '') {
      // A read: failing or finding nothing proves nothing was posted.
      const threadId = await firstThreadId(client, target.groupId, target.conversationId);
      if (!threadId) return open(record, new GraphFailure('notFound', 404, 'ErrorItemNotFound', undefined));
      target = { ...target, threadId };
    }
  } catch (error) {
    if (error instanceof GraphFailure) return open(record, error);
    throw error;
  }
  const withThread = { ...record, target };
  const queue = deps.queue ?? mailboxQueue;
  try {
    return await queue.run(
      target.groupId.toLowerCase(),
      deadline - POST_RESERVE_MS,
      () => send(client, withThread, save),
      () => save(withThread),
    );
  } catch (error) {
    if (error instanceof MailboxQueueTimeout)
      return { ...withThread, state: { phase: 'open', failure: { kind: 'mailboxBusy' } } };
    throw error;
  }
}

async function send(
  client: Client,
  record: ReplyRecord,
  save: (record: ReplyRecord) => Promise<void>,
): Promise<ReplyRecord> {
  const now = new Date().toISOString();
  const posting: ReplyRecord = {
    ...record,
    firstPostAt: record.firstPostAt ?? now,
    state: { phase: 'posting', since: now },
  };
  await save(posting);
  const { groupId, threadId } = record.target;
  try {
    await replyToThread(client, groupId, threadId, toReplyRequest(record.message));
    return { ...posting, state: { phase: 'posted', at: new Date().toISOString() } };
  } catch (error) {
    if (!(error instanceof GraphFailure)) throw error;
    if (error.nothingDone) return open(posting, error);
    return {
      ...posting,
      state: { phase: 'unknown', since: now, requestId: error.requestId, lookedUp: false },
    };
  }
}

/**
 * A reply went out without a conclusive answer. The thread's posts are documented to be listable, so they
 * are searched for a post by the author since the first POST; only the author's "Post anyway" posts after
 * a look-up that found nothing (a new post can take a moment to be listed).
 */
async function reconcile(
  client: Client,
  deps: ReplyDeps,
  record: ReplyRecord,
  postAnyway: boolean,
  save: (record: ReplyRecord) => Promise<void>,
  deadline: number,
): Promise<ReplyRecord> {
  const { state, target } = record;
  if (state.phase !== 'posting' && state.phase !== 'unknown') return record;
  const since = new Date(Date.parse(record.firstPostAt ?? state.since) - CLOCK_SKEW_MS);
  try {
    const posts = await listThreadPosts(client, target.groupId, target.threadId, deps.graphBaseUrl);
    if (findReplyBy(posts, record.author.name, since))
      return { ...record, state: { phase: 'posted', at: new Date().toISOString() } };
    if (postAnyway) return post(client, deps, reopened(record), save, deadline);
    return { ...record, state: { phase: 'unknown', since: state.since, lookedUp: true } };
  } catch (error) {
    if (!(error instanceof GraphFailure)) throw error;
    if (postAnyway) return post(client, deps, reopened(record), save, deadline);
    return {
      ...record,
      state: { phase: 'unknown', since: state.since, lookedUp: false, requestId: error.requestId },
    };
  }
}

function reopened(record: ReplyRecord): ReplyRecord {
  return { ...record, state: { phase: 'open' } };
}

function open(record: ReplyRecord, error: GraphFailure): ReplyRecord {
  return { ...record, state: { phase: 'open', failure: storeFailure({ kind: 'graph', error }) } };
}

function newRecord(request: ReplyRequestContext): ReplyRecord {
  if (request.intent.kind !== 'submit') throw new Error('Only a submit creates a reply record');
  return {
    replyDraftId: request.replyDraftId,
    author: request.actor,
    target: request.intent.target,
    message: request.intent.message,
    state: { phase: 'open' },
  };
}
