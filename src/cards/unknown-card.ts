import type { DraftAuthor } from '../domain/draft';
import { text } from '../i18n/catalog';
import type { Language } from '../i18n/language';
import { expandUnknown } from './compiled/unknown';
import { literal } from './markdown';
import { type AdaptiveCard, renderCard } from './render';
import { cardStrings } from './strings';

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
export function renderUnknownCard(language: Language, model: UnknownCardModel): AdaptiveCard {
  const group = literal(model.groupName);
  return renderCard(expandUnknown, {
    strings: cardStrings(language, 'unknown'),
    draftId: model.draftId,
    title: text(language, 'cards.unknown.title', { topic: literal(model.topic) }),
    explanation: text(language, model.lookedUp ? 'cards.unknown.notFoundYet' : 'cards.unknown.notConfirmed', {
      group,
    }),
    authorMri: model.author.mri,
    lookedUp: model.lookedUp,
    requestId: model.requestId ?? '',
    requestIdText: text(language, 'cards.common.supportReference', {
      requestId: literal(model.requestId ?? ''),
    }),
    inDialog: model.inDialog ?? false,
  });
}
