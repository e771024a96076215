import { literal } from './markdown';
import { type AdaptiveCard, renderCard } from './render';
import template from './templates/draft-status.json';

export type DraftSituation = 'othersOpen' | 'othersPosting' | 'othersUnknown' | 'missing';

export interface DraftStatusModel {
  situation: DraftSituation;
  authorName?: string;
  topic?: string;
  inDialog?: boolean;
}

/** What someone who is not a draft's author sees of it, and what a check of an unknown draft shows. */
export function renderDraftStatusCard(model: DraftStatusModel): AdaptiveCard {
  return renderCard(template, {
    situation: model.situation,
    authorName: literal(model.authorName || 'Someone'),
    topic: literal(model.topic ?? ''),
    inDialog: model.inDialog ?? false,
  });
}
