// Template SHA-256: 74358fddf9a239e240468b8b7376af9b5c6a5a88c41f66bbe04fcc3b70ce5212
/** Generated from src/cards/templates/pending.json by scripts/compile-cards.ts (npm run cards:compile). */
// Edit the template, never this file: test/unit/compiled-cards.test.ts fails until it is regenerated.
import { get, items, orPath } from '../template-runtime';

export function expandPending(root: unknown): Record<string, unknown> {
  return {
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    type: 'AdaptiveCard',
    version: '1.5',
    body: [
      {
        type: 'TextBlock',
        text: orPath(get(root, 'headline'), 'headline'),
        weight: 'Bolder',
        size: 'Medium',
        wrap: true,
      },
      {
        type: 'TextBlock',
        text: orPath(get(get(root, 'strings'), 'slow'), 'strings.slow'),
        wrap: true,
      },
    ],
    actions: [
      {
        type: 'Action.Execute',
        title: orPath(get(get(root, 'strings'), 'checkAgain'), 'strings.checkAgain'),
        verb: 'checkConversation',
        data: {
          draftId: orPath(get(root, 'draftId'), 'draftId'),
        },
      },
    ],
    refresh: {
      action: {
        type: 'Action.Execute',
        verb: 'checkConversation',
        data: {
          draftId: orPath(get(root, 'draftId'), 'draftId'),
        },
      },
      userIds: items([orPath(get(root, 'authorMri'), 'authorMri')]),
    },
  };
}
