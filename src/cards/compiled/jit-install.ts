// Template SHA-256: d8065e6afb87179859cab824ea3bf424a03f5eb4d1f5ac25a01f794965d309a7
/** Generated from src/cards/templates/jit-install.json by scripts/compile-cards.ts (npm run cards:compile). */
// Edit the template, never this file: test/unit/compiled-cards.test.ts fails until it is regenerated.
import { get, orPath } from '../template-runtime';

export function expandJitInstall(root: unknown): Record<string, unknown> {
  return {
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    type: 'AdaptiveCard',
    version: '1.5',
    body: [
      {
        type: 'TextBlock',
        text: orPath(get(get(root, 'strings'), 'title'), 'strings.title'),
        weight: 'Bolder',
        size: 'Medium',
        wrap: true,
      },
      {
        type: 'TextBlock',
        text: orPath(get(root, 'explanation'), 'explanation'),
        wrap: true,
      },
    ],
    actions: [
      {
        type: 'Action.Submit',
        title: orPath(get(get(root, 'strings'), 'addAndShare'), 'strings.addAndShare'),
        data: {
          msteams: {
            justInTimeInstall: true,
          },
          draftId: orPath(get(root, 'draftId'), 'draftId'),
        },
      },
    ],
  };
}
