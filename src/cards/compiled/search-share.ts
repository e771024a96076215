// Template SHA-256: a6d273a9188fa532772610c522b84f3a8a9985cccdc6ace0a70c84b1ddf6ca39
/** Generated from src/cards/templates/search-share.json by scripts/compile-cards.ts (npm run cards:compile). */
// Edit the template, never this file: test/unit/compiled-cards.test.ts fails until it is regenerated.
import { differs, get, items, orPath } from '../template-runtime';

export function expandSearchShare(root: unknown): Record<string, unknown> {
  return {
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    type: 'AdaptiveCard',
    version: '1.5',
    body: items([
      {
        type: 'TextBlock',
        text: orPath(get(root, 'topic'), 'topic'),
        weight: 'Bolder',
        size: 'Medium',
        wrap: true,
      },
      {
        type: 'TextBlock',
        text: orPath(get(root, 'groupLine'), 'groupLine'),
        isSubtle: true,
        spacing: 'None',
        wrap: true,
      },
      differs(get(root, 'lastDeliveredLine'), '')
        ? {
            type: 'TextBlock',
            text: orPath(get(root, 'lastDeliveredLine'), 'lastDeliveredLine'),
            isSubtle: true,
            size: 'Small',
            spacing: 'None',
            wrap: true,
          }
        : null,
      differs(get(root, 'preview'), '')
        ? {
            type: 'TextBlock',
            text: orPath(get(root, 'preview'), 'preview'),
            maxLines: 4,
            wrap: true,
          }
        : null,
      {
        type: 'TextBlock',
        text: orPath(get(root, 'sharedVia'), 'sharedVia'),
        isSubtle: true,
        size: 'Small',
        wrap: true,
      },
    ]),
    actions: [
      {
        type: 'Action.Execute',
        title: orPath(get(root, 'replyTitle'), 'replyTitle'),
        verb: 'openReply',
        data: {
          groupId: orPath(get(root, 'groupId'), 'groupId'),
          groupName: orPath(get(root, 'groupNameData'), 'groupNameData'),
          conversationId: orPath(get(root, 'conversationId'), 'conversationId'),
          threadId: '',
          topic: orPath(get(root, 'topicData'), 'topicData'),
          draftId: '',
        },
      },
    ],
  };
}
