import { type TeamsChannelData, TeamsInfo, type TurnContext } from 'botbuilder';
import type { GroupTarget } from '../domain/draft';
import { createGraphClient } from '../graph/client';
import { listMyUnifiedGroups } from '../graph/directory';
import { text } from '../i18n/catalog';
import type { Logger } from '../shared/logger';
import { isBotNotInRoster } from './roster';
import { languageOfTurn } from './turn';

export interface GroupTargetOptions {
  graphBaseUrl: URL;
  token: string;
  /** Epoch ms by which the form must be ready: every look-up here ends by then. */
  deadline: number;
  logger: Logger;
}

type LinkedGroup = { id: string; displayName: string };

/**
 * The team's Microsoft 365 group when the turn happens in a team; undefined in chats, and when the team's
 * group cannot be learnt in time. Message-extension payloads carry `team.id` without `aadGroupId`, and
 * where the app is not installed in that team the connector refuses the look-up
 * (403 BotNotInConversationRoster): the user then picks among their own groups instead.
 */
async function linkedGroupOf(
  context: TurnContext,
  options: GroupTargetOptions,
): Promise<LinkedGroup | undefined> {
  const team = (context.activity.channelData as TeamsChannelData | undefined)?.team;
  if (!team?.id) return undefined;
  const unnamed = text(languageOfTurn(context), 'messages.form.thisTeam');
  if (team.aadGroupId) return { id: team.aadGroupId, displayName: team.name ?? unnamed };
  try {
    const details = await beforeDeadline(TeamsInfo.getTeamDetails(context, team.id), options.deadline);
    if (!details?.aadGroupId) return undefined;
    return { id: details.aadGroupId, displayName: details.name ?? team.name ?? unnamed };
  } catch (error) {
    options.logger.warn('team.lookup_failed', { notInstalled: isBotNotInRoster(error) });
    return undefined;
  }
}

/** Where a new draft will be posted: the linked group, or the user's own Microsoft 365 groups to pick from. */
export async function groupTargetFor(
  context: TurnContext,
  options: GroupTargetOptions,
): Promise<GroupTarget> {
  // Half the time for the team look-up: the group list must still fit if the connector is slow.
  const linked = await linkedGroupOf(context, {
    ...options,
    deadline: Date.now() + (options.deadline - Date.now()) / 2,
  });
  if (linked) return { kind: 'linked', ...linked };
  const client = createGraphClient({
    baseUrl: options.graphBaseUrl,
    token: options.token,
    deadline: options.deadline,
  });
  const groups = await listMyUnifiedGroups(client, options.graphBaseUrl);
  return { kind: 'choice', groups: groups.map(({ id, displayName }) => ({ id, displayName })) };
}

/** The connector client takes no AbortSignal: past the deadline its answer is no longer waited for. */
function beforeDeadline<T>(work: Promise<T>, deadline: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), Math.max(0, deadline - Date.now()));
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
