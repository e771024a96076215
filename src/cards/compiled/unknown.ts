// Template SHA-256: 929092352d658afdd5ce71e52b9c9d9d66973f67e6fa27cbda454bd6ce1ec4e9
/** Generated from src/cards/templates/unknown.json by scripts/compile-cards.ts (npm run cards:compile). */
// Edit the template, never this file: test/unit/compiled-cards.test.ts fails until it is regenerated.
import { differs, get, isTrue, items, orPath, truthy } from '../template-runtime';

export function expandUnknown(root: unknown): Record<string, unknown> {
  return {
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    type: 'AdaptiveCard',
    version: '1.5',
    body: items([
      {
        type: 'TextBlock',
        text: orPath(get(root, 'title'), 'title'),
        weight: 'Bolder',
        size: 'Medium',
        color: 'Warning',
        wrap: true,
      },
      {
        type: 'TextBlock',
        text: orPath(get(root, 'explanation'), 'explanation'),
        wrap: true,
      },
      differs(get(root, 'requestId'), '')
        ? {
            type: 'TextBlock',
            text: orPath(get(root, 'requestIdText'), 'requestIdText'),
            isSubtle: true,
            size: 'Small',
            wrap: true,
          }
        : null,
    ]),
    actions: items([
      !truthy(get(root, 'inDialog'))
        ? {
            type: 'Action.Execute',
            title: orPath(get(get(root, 'strings'), 'checkAgain'), 'strings.checkAgain'),
            verb: 'checkConversation',
            data: {
              draftId: orPath(get(root, 'draftId'), 'draftId'),
            },
          }
        : null,
      !truthy(get(root, 'inDialog')) && truthy(get(root, 'lookedUp'))
        ? {
            type: 'Action.Execute',
            title: orPath(get(get(root, 'strings'), 'postAnyway'), 'strings.postAnyway'),
            verb: 'postAnyway',
            data: {
              draftId: orPath(get(root, 'draftId'), 'draftId'),
            },
          }
        : null,
      isTrue(get(root, 'inDialog'))
        ? {
            type: 'Action.Submit',
            title: orPath(get(get(root, 'strings'), 'checkAgain'), 'strings.checkAgain'),
            data: {
              draftId: orPath(get(root, 'draftId'), 'draftId'),
              verb: 'checkConversation',
            },
          }
        : null,
      truthy(get(root, 'inDialog')) && truthy(get(root, 'lookedUp'))
        ? {
            type: 'Action.Submit',
            title: orPath(get(get(root, 'strings'), 'postAnyway'), 'strings.postAnyway'),
            data: {
              draftId: orPath(get(root, 'draftId'), 'draftId'),
              verb: 'postAnyway',
            },
          }
        : null,
    ]),
    refresh: !truthy(get(root, 'inDialog'))
      ? {
          action: {
            type: 'Action.Execute',
            verb: 'checkConversation',
            data: {
              draftId: orPath(get(root, 'draftId'), 'draftId'),
            },
          },
          userIds: items([orPath(get(root, 'authorMri'), 'authorMri')]),
        }
      : null,
  };
}
