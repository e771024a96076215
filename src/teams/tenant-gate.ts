import type { TenantPolicy } from '../shared/settings';

/** Which tenant an incoming activity is from, and whether this bot serves it. Pure: runs before any work. */

export interface TenantFields {
  channelData?: { tenant?: { id?: string } };
  conversation?: { tenantId?: string };
}

export type TenantDecision =
  | { allowed: true; tenantId?: string }
  | { allowed: false; tenantId?: string; reason: 'notListed' | 'missing' | 'conflicting' };

/**
 * Teams puts the tenant in `channelData.tenant.id` and in `conversation.tenantId`
 * (https://learn.microsoft.com/microsoftteams/platform/bots/how-to/conversations/conversation-basics).
 * The rest of the bot keys state by the first (turn.ts), so two different values are refused rather than
 * checked one way and used the other.
 */
export function decideTenant(activity: TenantFields, policy: TenantPolicy): TenantDecision {
  const fromChannelData = activity.channelData?.tenant?.id?.toLowerCase();
  const fromConversation = activity.conversation?.tenantId?.toLowerCase();
  const tenantId = fromChannelData ?? fromConversation;
  if (fromChannelData !== undefined && fromConversation !== undefined && fromChannelData !== fromConversation)
    return { allowed: false, tenantId, reason: 'conflicting' };
  if (policy.kind === 'any') return { allowed: true, tenantId };
  if (tenantId === undefined) return { allowed: false, reason: 'missing' };
  return policy.ids.has(tenantId)
    ? { allowed: true, tenantId }
    : { allowed: false, tenantId, reason: 'notListed' };
}
