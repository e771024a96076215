import { type MessageKey, text } from '../i18n/catalog';
import type { Language } from '../i18n/language';
import { expandDraftStatus } from './compiled/draft-status';
import { literal } from './markdown';
import { type AdaptiveCard, renderCard } from './render';
import { cardStrings } from './strings';

export type DraftSituation = 'othersOpen' | 'othersPosting' | 'othersUnknown' | 'missing';

export interface DraftStatusModel {
  situation: DraftSituation;
  authorName?: string;
  topic?: string;
  inDialog?: boolean;
}

const HEADLINES: Readonly<Record<DraftSituation, MessageKey>> = {
  othersOpen: 'cards.draftStatus.othersOpen',
  othersPosting: 'cards.draftStatus.othersPosting',
  othersUnknown: 'cards.draftStatus.othersUnknown',
  missing: 'cards.draftStatus.missing',
};

/** What someone who is not a draft's author sees of it, and what a check of an unknown draft shows. */
export function renderDraftStatusCard(language: Language, model: DraftStatusModel): AdaptiveCard {
  const author = literal(model.authorName || text(language, 'cards.draftStatus.someone'));
  const topic = literal(model.topic ?? '');
  return renderCard(expandDraftStatus, {
    strings: cardStrings(language, 'draftStatus'),
    situation: model.situation,
    headline: text(language, HEADLINES[model.situation], { author, topic }),
    inDialog: model.inDialog ?? false,
  });
}
