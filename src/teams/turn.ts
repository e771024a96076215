import type { TurnContext } from 'botbuilder';

/** Who is acting in this turn, as the ledger and logs key them (no names, no message content). */
export function userKeyOf(context: TurnContext): string {
  const { activity } = context;
  const tenant =
    (activity.channelData as { tenant?: { id?: string } } | undefined)?.tenant?.id ?? 'no-tenant';
  return `${tenant}/${activity.from.aadObjectId ?? activity.from.id}`;
}

export function submissionKey(context: TurnContext, draftId: string): string {
  return `submission/${userKeyOf(context)}/${draftId}`;
}
