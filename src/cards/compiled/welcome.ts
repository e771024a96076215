// Template SHA-256: f37a9cae2f28b4125455197fee17d95dcd70c6afaec019136f675fe1bd075649
/** Generated from src/cards/templates/welcome.json by scripts/compile-cards.ts (npm run cards:compile). */
// Edit the template, never this file: test/unit/compiled-cards.test.ts fails until it is regenerated.
import { get, orPath } from '../template-runtime';

export function expandWelcome(root: unknown): Record<string, unknown> {
  return {
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    type: 'AdaptiveCard',
    version: '1.5',
    body: [
      {
        type: 'TextBlock',
        text: orPath(get(root, 'heading'), 'heading'),
        weight: 'Bolder',
        size: 'Medium',
        wrap: true,
      },
      {
        type: 'TextBlock',
        text: orPath(get(get(root, 'strings'), 'intro'), 'strings.intro'),
        wrap: true,
      },
      {
        type: 'FactSet',
        facts: [
          {
            title: orPath(get(get(root, 'strings'), 'anyMessage'), 'strings.anyMessage'),
            value: orPath(get(get(root, 'strings'), 'anyMessageDoes'), 'strings.anyMessageDoes'),
          },
          {
            title: orPath(get(get(root, 'commands'), 'help'), 'commands.help'),
            value: orPath(get(get(root, 'strings'), 'helpDoes'), 'strings.helpDoes'),
          },
          {
            title: orPath(get(get(root, 'commands'), 'recent'), 'commands.recent'),
            value: orPath(get(get(root, 'strings'), 'recentDoes'), 'strings.recentDoes'),
          },
          {
            title: orPath(get(get(root, 'commands'), 'signOut'), 'commands.signOut'),
            value: orPath(get(get(root, 'strings'), 'signOutDoes'), 'strings.signOutDoes'),
          },
        ],
      },
    ],
    actions: [
      {
        type: 'Action.Execute',
        title: orPath(get(get(root, 'strings'), 'startConversation'), 'strings.startConversation'),
        verb: 'newDraft',
        data: {},
      },
      {
        type: 'Action.Execute',
        title: orPath(get(get(root, 'strings'), 'recentConversations'), 'strings.recentConversations'),
        verb: 'recentConversations',
        data: {},
      },
    ],
  };
}
