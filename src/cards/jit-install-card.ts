import { text } from '../i18n/catalog';
import type { Language } from '../i18n/language';
import { expandJitInstall } from './compiled/jit-install';
import { literal } from './markdown';
import { type AdaptiveCard, renderCard } from './render';
import { cardStrings } from './strings';

/** Teams installs the app when this card's button is pressed, then resends the submit. */
export function renderJitInstallCard(language: Language, draftId: string, topic: string): AdaptiveCard {
  return renderCard(expandJitInstall, {
    strings: cardStrings(language, 'jitInstall'),
    draftId,
    explanation: text(language, 'cards.jitInstall.explanation', { topic: literal(topic) }),
  });
}
