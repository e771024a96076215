import type { TurnContext } from 'botbuilder';
import type { RecentRequestData } from '../cards/contract';
import { type GroupRef, type RecentCardModel, renderRecentCard } from '../cards/recent-card';
import type { AdaptiveCard } from '../cards/render';
import { createGraphClient } from '../graph/client';
import { GraphFailure } from '../graph/errors';
import { groupNames } from '../graph/group-names';
import { listRecentConversations } from '../graph/recent-conversations';
import type { BotDeps } from './bot-deps';
import { loadTarget } from './new-form';
import { listNotice } from './reply-notice';
import { languageOfTurn } from './turn';

/** "recent" in chat and the "Recent conversations" buttons: the last conversations of a group, each with Reply. */

/** What "recent" means: delivered in the last 30 days, at most 10, read from at most 5 pages. */
export const RECENT = { sinceDays: 30, limit: 10, maxPages: 5 } as const;

export async function buildRecentCard(
  context: TurnContext,
  deps: BotDeps,
  token: string,
  request: RecentRequestData = {},
): Promise<AdaptiveCard> {
  const deadline = Date.now() + deps.invokeBudgetMs;
  const language = languageOfTurn(context);
  const choices = request.groupChoices ?? [];
  if (request.groupId) {
    const displayName =
      request.groupName ||
      choices.find((choice) => choice.id === request.groupId)?.displayName ||
      groupNames.nameOf(request.groupId) ||
      request.groupId;
    return renderRecentCard(
      language,
      await listFor(deps, token, { id: request.groupId, displayName }, deadline),
    );
  }
  // The choice came back without a group (a client that skipped validation): ask again.
  if (choices.length > 0) return renderRecentCard(language, { state: 'choice', groups: choices });
  try {
    const target = await loadTarget(context, deps, token, deadline);
    if (target.kind === 'linked')
      return renderRecentCard(
        language,
        await listFor(deps, token, { id: target.id, displayName: target.displayName }, deadline),
      );
    if (target.groups.length === 0) return renderRecentCard(language, { state: 'noGroups' });
    return renderRecentCard(language, {
      state: 'choice',
      groups: target.groups,
      chosenGroupId: deps.defaultGroupId,
    });
  } catch (error) {
    if (!(error instanceof GraphFailure)) throw error;
    deps.logger.warn('recent.groups_failed', {
      status: error.status,
      code: error.code,
      requestId: error.requestId,
    });
    return renderRecentCard(language, {
      state: 'failed',
      notice: listNotice(error),
      requestId: error.requestId,
    });
  }
}

async function listFor(
  deps: BotDeps,
  token: string,
  group: GroupRef,
  deadline: number,
): Promise<RecentCardModel> {
  const client = createGraphClient({ baseUrl: deps.graphBaseUrl, token, deadline });
  try {
    const conversations = await listRecentConversations(client, group.id, {
      ...RECENT,
      baseUrl: deps.graphBaseUrl,
    });
    deps.logger.info('recent.listed', { groupId: group.id, count: conversations.length });
    if (conversations.length === 0) return { state: 'empty', group, sinceDays: RECENT.sinceDays };
    return { state: 'list', group, conversations, sinceDays: RECENT.sinceDays };
  } catch (error) {
    if (!(error instanceof GraphFailure)) throw error;
    deps.logger.warn('recent.list_failed', {
      groupId: group.id,
      status: error.status,
      code: error.code,
      requestId: error.requestId,
    });
    return { state: 'failed', group, notice: listNotice(error), requestId: error.requestId };
  }
}
