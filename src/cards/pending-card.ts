import type { DraftAuthor } from '../domain/draft';
import { text } from '../i18n/catalog';
import type { Language } from '../i18n/language';
import { expandPending } from './compiled/pending';
import { literal } from './markdown';
import { type AdaptiveCard, renderCard } from './render';
import { cardStrings } from './strings';

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
export function renderPendingCard(language: Language, model: PendingCardModel): AdaptiveCard {
  const topic = literal(model.topic);
  return renderCard(expandPending, {
    strings: cardStrings(language, 'pending'),
    draftId: model.draftId,
    headline: model.byViewer
      ? text(language, 'cards.pending.byViewer', { topic })
      : text(language, 'cards.pending.byOther', { topic, author: literal(model.author.name) }),
    authorMri: model.author.mri,
  });
}
