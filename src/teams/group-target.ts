import { type TeamsChannelData, TeamsInfo, type TurnContext } from 'botbuilder';
import type { GroupTarget } from '../cards/form-card';
import { createGraphClient } from '../graph/client';
import { listMyUnifiedGroups } from '../graph/directory';

/** The team's Microsoft 365 group when the turn happens in a team; undefined in chats. */
async function linkedGroupOf(context: TurnContext): Promise<{ id: string; displayName: string } | undefined> {
  const team = (context.activity.channelData as TeamsChannelData | undefined)?.team;
  if (!team?.id) return undefined;
  if (team.aadGroupId) return { id: team.aadGroupId, displayName: team.name ?? 'this team' };
  // Older clients and some events omit aadGroupId: the connector knows it.
  const details = await TeamsInfo.getTeamDetails(context, team.id);
  if (!details.aadGroupId) return undefined;
  return { id: details.aadGroupId, displayName: details.name ?? team.name ?? 'this team' };
}

export interface GroupTargetOptions {
  graphBaseUrl: URL;
  token: string;
  deadline: number;
}

/** Where a new draft will be posted: the linked group, or the user's own Microsoft 365 groups to pick from. */
export async function groupTargetFor(
  context: TurnContext,
  options: GroupTargetOptions,
): Promise<GroupTarget> {
  const linked = await linkedGroupOf(context);
  if (linked) return { kind: 'linked', ...linked };
  const client = createGraphClient({
    baseUrl: options.graphBaseUrl,
    token: options.token,
    deadline: options.deadline,
  });
  const groups = await listMyUnifiedGroups(client, options.graphBaseUrl);
  return { kind: 'choice', groups: groups.map(({ id, displayName }) => ({ id, displayName })) };
}
