import { LIMITS } from '../domain/limits';
import type { RecentConversation } from '../graph/recent-conversations';
import { type Message, text } from '../i18n/catalog';
import type { Language } from '../i18n/language';
import { expandRecent } from './compiled/recent';
import { literal, literalLines } from './markdown';
import { type AdaptiveCard, renderCard } from './render';
import { isoSeconds } from './reply-card';
import { cardStrings, shownMessage } from './strings';

/** "Recent conversations": a group's latest conversations, each with "Reply", or the group choice first. */

export type RecentCardModel =
  | { state: 'list'; group: GroupRef; conversations: RecentConversation[]; sinceDays: number }
  | { state: 'empty'; group: GroupRef; sinceDays: number }
  | { state: 'choice'; groups: GroupRef[]; chosenGroupId?: string; notice?: Message }
  | { state: 'noGroups' }
  | { state: 'failed'; group?: GroupRef; notice: Message; requestId?: string };

export interface GroupRef {
  id: string;
  displayName: string;
}

export function renderRecentCard(language: Language, model: RecentCardModel): AdaptiveCard {
  const group = 'group' in model ? model.group : undefined;
  const groupName = group?.displayName ?? '';
  const requestId = model.state === 'failed' ? (model.requestId ?? '') : '';
  return renderCard(expandRecent, {
    strings: cardStrings(language, 'recent'),
    state: model.state,
    heading: headingOf(language, model, groupName),
    groupId: group?.id ?? '',
    groupNameData: groupName,
    emptyText: text(language, 'cards.recent.empty', {
      group: literal(groupName),
      count: 'sinceDays' in model ? model.sinceDays : 0,
    }),
    notice: shownMessage(language, 'notice' in model ? model.notice : undefined),
    requestId,
    requestIdText: text(language, 'cards.common.supportReference', { requestId: literal(requestId) }),
    // Clipped as on the form (decision #22): 100 names of 256 characters, twice each, would not fit.
    groups:
      model.state === 'choice'
        ? model.groups.map(({ id, displayName }) => ({
            id,
            displayName: clip(displayName, LIMITS.groupNameMaxLength),
          }))
        : [],
    chosenGroupId: model.state === 'choice' ? (model.chosenGroupId ?? '') : '',
    items:
      model.state === 'list'
        ? model.conversations.map((conversation) => ({
            topic: literal(conversation.topic),
            topicData: conversation.topic,
            preview: literalLines(conversation.preview),
            lastDelivered: isoSeconds(conversation.lastDeliveredDateTime),
            conversationId: conversation.id,
            groupId: model.group.id,
            groupNameData: model.group.displayName,
          }))
        : [],
  });
}

function headingOf(language: Language, model: RecentCardModel, groupName: string): string {
  if (model.state === 'choice') return text(language, 'cards.recent.headingChoice');
  if (groupName !== '') return text(language, 'cards.recent.headingGroup', { group: literal(groupName) });
  return text(language, 'cards.common.recentConversations');
}

function clip(name: string, max: number): string {
  const chars = [...name];
  return chars.length <= max ? name : `${chars.slice(0, max - 1).join('')}…`;
}
