import type { DraftAuthor } from '../domain/draft';
import { literal } from './markdown';
import { type AdaptiveCard, renderCard } from './render';
import template from './templates/unknown.json';

export interface UnknownCardModel {
  draftId: string;
  topic: string;
  groupName: string;
  author: DraftAuthor;
  /** The group was searched and the conversation not found: the author may now choose to post anyway. */
  lookedUp: boolean;
  requestId?: string;
  inDialog?: boolean;
}

/** A create without a conclusive answer: never "nothing was posted", and no second post without asking. */
export function renderUnknownCard(model: UnknownCardModel): AdaptiveCard {
  return renderCard(template, {
    draftId: model.draftId,
    topic: literal(model.topic),
    groupName: literal(model.groupName),
    authorMri: model.author.mri,
    lookedUp: model.lookedUp,
    requestId: literal(model.requestId ?? ''),
    inDialog: model.inDialog ?? false,
  });
}
