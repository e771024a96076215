import { randomUUID } from 'node:crypto';
import type { TurnContext } from 'botbuilder';
import { renderConfirmationCard } from '../cards/confirmation-card';
import type { ConversationRefData, ReplySubmitData } from '../cards/contract';
import type { AdaptiveCard } from '../cards/render';
import { renderReplyCard } from '../cards/reply-card';
import { handleReply, type ReplyIntent, type ReplyOutcome } from '../conversations/handle-reply';
import type { ReplyTarget } from '../domain/reply';
import { validateReply } from '../domain/reply';
import { createGraphClient } from '../graph/client';
import { GraphFailure } from '../graph/errors';
import { listThreadPosts, type ReplySummary, summarise } from '../graph/threads';
import type { BotDeps } from './bot-deps';
import { outcomeLogFields } from './outcome-log';
import { replyNotice } from './reply-notice';
import { authorOf } from './submission';
import { draftKey, languageOfTurn, userKeyOf } from './turn';

/** Reply actions from a card: open the form, post (once), check, post anyway; each answer is a card. */

export type ReplyAction =
  | { verb: 'postReply' | 'checkReply' | 'replyAnyway'; data: ReplySubmitData; refresh: boolean }
  | { verb: 'openReply'; data: ConversationRefData };

/** How long the card may wait for the reply summary (a read) after the reply itself was answered. */
const SUMMARY_MS = 3_000;

export async function answerReply(
  context: TurnContext,
  deps: BotDeps,
  action: ReplyAction,
  token: string,
): Promise<AdaptiveCard> {
  if (action.verb === 'openReply')
    return renderReplyCard(languageOfTurn(context), {
      state: 'form',
      target: targetOf(action.data),
      replyDraftId: randomUUID(),
    });
  const { data } = action;
  const target = targetOf(data);
  let intent: ReplyIntent;
  // A refresh (whoever's client sends it) and "Check again" never post.
  if (action.refresh || action.verb === 'checkReply') intent = { kind: 'check' };
  else if (action.verb === 'replyAnyway') intent = { kind: 'postAnyway' };
  else {
    const validation = validateReply(data.replyText);
    if (!validation.ok)
      return renderReplyCard(languageOfTurn(context), {
        state: 'form',
        target,
        replyDraftId: data.replyDraftId,
        replyText: validation.kept,
        error: validation.error,
      });
    intent = { kind: 'submit', target, message: validation.message };
  }
  const actor = authorOf(context);
  const outcome = await handleReply(
    { graphBaseUrl: deps.graphBaseUrl, ledger: deps.ledger, logger: deps.logger },
    {
      key: replyKey(context, data.replyDraftId),
      replyDraftId: data.replyDraftId,
      actor,
      intent,
      tokens: { token, refresh: () => deps.tokens.refreshToken(context, token) },
      answerWithinMs: deps.invokeBudgetMs,
    },
  );
  logOutcome(deps, data.replyDraftId, intent.kind, outcome);
  return render(context, deps, token, data, actor.mri, outcome);
}

/**
 * One reply draft per viewer: a card seen by many people carries one reply-draft id, and whoever presses
 * its "Post reply" posts their own reply, as themselves (docs/decisions.md "Replies").
 */
function replyKey(context: TurnContext, replyDraftId: string): string {
  return `reply/${userKeyOf(context)}/${replyDraftId}`;
}

async function render(
  context: TurnContext,
  deps: BotDeps,
  token: string,
  data: ReplySubmitData,
  viewerMri: string,
  outcome: ReplyOutcome,
): Promise<AdaptiveCard> {
  const base = { replyDraftId: data.replyDraftId, authorMri: viewerMri };
  switch (outcome.status) {
    case 'posted':
      return postedCard(context, deps, token, outcome.target);
    case 'open': {
      const { failure } = outcome;
      return renderReplyCard(languageOfTurn(context), {
        ...base,
        state: 'form',
        target: outcome.target,
        replyText: outcome.message,
        notice: failure ? replyNotice(failure) : undefined,
        requestId: failure?.kind === 'graph' ? failure.error.requestId : undefined,
      });
    }
    case 'pending':
      return renderReplyCard(languageOfTurn(context), { ...base, state: 'pending', target: outcome.target });
    case 'unknown':
      return renderReplyCard(languageOfTurn(context), {
        ...base,
        state: 'unknown',
        target: outcome.target,
        lookedUp: outcome.lookedUp,
        requestId: outcome.requestId,
        authorMri: outcome.author.mri,
      });
    case 'missing':
      // Nothing of this viewer's under this id (another member's refresh, a forgotten draft): their own form.
      return renderReplyCard(languageOfTurn(context), {
        state: 'form',
        target: targetOf(data),
        replyDraftId: data.replyDraftId,
      });
  }
}

/** After a reply: the confirmation card it came from (with the replies), else the reply card saying so. */
async function postedCard(
  context: TurnContext,
  deps: BotDeps,
  token: string,
  target: ReplyTarget,
): Promise<AdaptiveCard> {
  const summary = await replySummary(deps, token, target);
  if (target.draftId) {
    const record = await deps.ledger.read(draftKey(context, target.draftId));
    if (record?.state.phase === 'created')
      return renderConfirmationCard(
        languageOfTurn(context),
        { ...record.state.confirmation, threadId: record.state.confirmation.threadId ?? target.threadId },
        { summary, replyDraftId: randomUUID() },
      );
  }
  return renderReplyCard(languageOfTurn(context), {
    state: 'posted',
    target,
    replyDraftId: randomUUID(),
    summary,
  });
}

/**
 * The thread's reply count and latest reply, as Graph lists them. The reply API answers 202 (accepted,
 * processed later), so the newest reply may not be listed yet; a failed read just leaves the summary out.
 */
async function replySummary(
  deps: BotDeps,
  token: string,
  target: ReplyTarget,
): Promise<ReplySummary | undefined> {
  if (target.threadId === '') return undefined;
  const client = createGraphClient({ baseUrl: deps.graphBaseUrl, token, deadline: Date.now() + SUMMARY_MS });
  try {
    return summarise(await listThreadPosts(client, target.groupId, target.threadId, deps.graphBaseUrl));
  } catch (error) {
    if (error instanceof GraphFailure) return undefined;
    throw error;
  }
}

function targetOf(data: ConversationRefData): ReplyTarget {
  return {
    groupId: data.groupId,
    groupName: data.groupName,
    conversationId: data.conversationId,
    threadId: data.threadId,
    topic: data.topic,
    draftId: data.draftId === '' ? undefined : data.draftId,
  };
}

function logOutcome(deps: BotDeps, replyDraftId: string, intent: string, outcome: ReplyOutcome): void {
  deps.logger.info('reply.answered', {
    replyDraftId,
    intent,
    ...outcomeLogFields(
      outcome.status,
      outcome.status === 'open' ? outcome.failure : undefined,
      outcome.status === 'unknown' ? outcome.requestId : undefined,
    ),
  });
}
