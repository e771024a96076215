import { LIMITS } from '../domain/limits';
import type { RecentConversation } from '../graph/recent-conversations';
import { literal, literalLines } from './markdown';
import { type AdaptiveCard, renderCard } from './render';
import { isoSeconds } from './reply-card';
import template from './templates/recent.json';

/** "Recent conversations": a group's latest conversations, each with "Reply", or the group choice first. */

export type RecentCardModel =
  | { state: 'list'; group: GroupRef; conversations: RecentConversation[]; sinceDays: number }
  | { state: 'empty'; group: GroupRef; sinceDays: number }
  | { state: 'choice'; groups: GroupRef[]; chosenGroupId?: string; notice?: string }
  | { state: 'noGroups' }
  | { state: 'failed'; group?: GroupRef; notice: string; requestId?: string };

export interface GroupRef {
  id: string;
  displayName: string;
}

/** This card's user-facing texts, in one place for the later string catalog. */
const TEXTS = {
  listHeading: (group: string) => `Recent conversations in ${group}`,
  choiceHeading: 'Recent conversations: choose a group',
  plainHeading: 'Recent conversations',
} as const;

export function renderRecentCard(model: RecentCardModel): AdaptiveCard {
  const group = 'group' in model ? model.group : undefined;
  const groupName = group?.displayName ?? '';
  return renderCard(template, {
    state: model.state,
    heading: headingOf(model, groupName),
    groupId: group?.id ?? '',
    groupName: literal(groupName),
    groupNameData: groupName,
    sinceDays: 'sinceDays' in model ? model.sinceDays : 0,
    notice: literal('notice' in model ? (model.notice ?? '') : ''),
    requestId: literal(model.state === 'failed' ? (model.requestId ?? '') : ''),
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

function headingOf(model: RecentCardModel, groupName: string): string {
  if (model.state === 'choice') return TEXTS.choiceHeading;
  if (groupName !== '') return TEXTS.listHeading(literal(groupName));
  return TEXTS.plainHeading;
}

function clip(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}
