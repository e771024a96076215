import type { DraftAuthor } from '../domain/draft';
import { literal } from './markdown';
import { type AdaptiveCard, renderCard } from './render';
import template from './templates/pending.json';

export interface PendingCardModel {
  draftId: string;
  topic: string;
  author: DraftAuthor;
  /** The viewer is the author: "Posting…" rather than "Alex is posting…". */
  byViewer: boolean;
}

/**
 * Shown while the author's attempt runs past the answer deadline. It refreshes only for the author
 * (`refresh.userIds`): without it Teams refreshes it for every viewer, as that viewer. Its refresh and its
 * button only check; they never post.
 */
export function renderPendingCard(model: PendingCardModel): AdaptiveCard {
  return renderCard(template, {
    draftId: model.draftId,
    topic: literal(model.topic),
    authorName: literal(model.author.name),
    authorMri: model.author.mri,
    byViewer: model.byViewer,
  });
}
