import { literal } from './markdown';
import { type AdaptiveCard, renderCard } from './render';
import template from './templates/jit-install.json';

/** Teams installs the app when this card's button is pressed, then resends the submit. */
export function renderJitInstallCard(draftId: string, topic: string): AdaptiveCard {
  return renderCard(template, { draftId, topic: literal(topic) });
}
