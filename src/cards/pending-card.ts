import type { DraftInput } from '../domain/draft';
import type { GroupTarget } from './form-card';
import { type AdaptiveCard, renderCard } from './render';
import template from './templates/pending.json';

/** Shown when Graph outlasts the invoke deadline; its button resubmits the same draft, which is idempotent. */
export function renderPendingCard(draftId: string, target: GroupTarget, values: DraftInput): AdaptiveCard {
  return renderCard(template, {
    draftId,
    linkedGroupId: target.kind === 'linked' ? target.id : '',
    linkedGroupName: target.kind === 'linked' ? target.displayName : '',
    groups: target.kind === 'choice' ? target.groups : [],
    groupId: values.groupId ?? '',
    topic: values.topic ?? '',
    body: values.body ?? '',
    participants: values.participants ?? '',
    emails: values.emails ?? '',
  });
}
