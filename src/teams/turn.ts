import type { TurnContext } from 'botbuilder';
import { type Language, languageOf } from '../i18n/language';

/** The tenant a turn comes from, as Teams puts it in channelData (else the conversation's). */
export function tenantOf(context: TurnContext): string {
  const { activity } = context;
  const fromChannelData = (activity.channelData as { tenant?: { id?: string } } | undefined)?.tenant?.id;
  return fromChannelData ?? activity.conversation?.tenantId ?? 'no-tenant';
}

/** Who is acting in this turn, as storage and logs key them (no names, no message content). */
export function userKeyOf(context: TurnContext): string {
  return `${tenantOf(context)}/${context.activity.from.aadObjectId ?? context.activity.from.id}`;
}

/** A draft's key: per tenant and draft id. Not per user: a draft has one author, whoever sees its card. */
export function draftKey(context: TurnContext, draftId: string): string {
  return `draft/${tenantOf(context)}/${draftId}`;
}

/** The language this turn is answered in: the Teams client's `locale` on the activity, else English. */
export function languageOfTurn(context: TurnContext): Language {
  return languageOf(context.activity.locale);
}
