// Template SHA-256: 70df5a3c69fda194da3450653d66f36c9078967fad792c3ddc4c79cbebc55602
/** Generated from src/cards/templates/recent.json by scripts/compile-cards.ts (npm run cards:compile). */
// Edit the template, never this file: test/unit/compiled-cards.test.ts fails until it is regenerated.
import { differs, equals, get, items, orPath, piece, repeat } from '../template-runtime';

export function expandRecent(root: unknown): Record<string, unknown> {
  return {
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    type: 'AdaptiveCard',
    version: '1.5',
    body: items([
      {
        type: 'TextBlock',
        text: orPath(get(root, 'heading'), 'heading'),
        weight: 'Bolder',
        size: 'Medium',
        wrap: true,
      },
      equals(get(root, 'state'), 'empty')
        ? {
            type: 'TextBlock',
            text: orPath(get(root, 'emptyText'), 'emptyText'),
            wrap: true,
          }
        : null,
      equals(get(root, 'state'), 'noGroups')
        ? {
            type: 'TextBlock',
            text: orPath(get(get(root, 'strings'), 'noGroups'), 'strings.noGroups'),
            color: 'Warning',
            wrap: true,
          }
        : null,
      differs(get(root, 'notice'), '')
        ? {
            type: 'Container',
            style: 'warning',
            items: items([
              {
                type: 'TextBlock',
                text: orPath(get(root, 'notice'), 'notice'),
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
          }
        : null,
      equals(get(root, 'state'), 'choice')
        ? {
            type: 'Input.ChoiceSet',
            id: 'groupId',
            label: orPath(get(get(root, 'strings'), 'groupLabel'), 'strings.groupLabel'),
            isRequired: true,
            errorMessage: orPath(get(get(root, 'strings'), 'groupRequired'), 'strings.groupRequired'),
            placeholder: orPath(get(get(root, 'strings'), 'chooseGroup'), 'strings.chooseGroup'),
            value: orPath(get(root, 'chosenGroupId'), 'chosenGroupId'),
            choices: items([
              repeat(orPath(get(root, 'groups'), 'groups'), root, (data1) => ({
                title: orPath(get(data1, 'displayName'), 'displayName'),
                value: orPath(get(data1, 'id'), 'id'),
              })),
            ]),
          }
        : null,
      repeat(orPath(get(root, 'items'), 'items'), root, (data1) => ({
        type: 'Container',
        separator: true,
        items: items([
          {
            type: 'TextBlock',
            text: orPath(get(data1, 'topic'), 'topic'),
            weight: 'Bolder',
            wrap: true,
          },
          {
            type: 'TextBlock',
            text:
              '{{DATE(' +
              piece(orPath(get(data1, 'lastDelivered'), 'lastDelivered'), 'lastDelivered') +
              ', SHORT)}} {{TIME(' +
              piece(orPath(get(data1, 'lastDelivered'), 'lastDelivered'), 'lastDelivered') +
              ')}}',
            isSubtle: true,
            size: 'Small',
            wrap: true,
          },
          differs(get(data1, 'preview'), '')
            ? {
                type: 'TextBlock',
                text: orPath(get(data1, 'preview'), 'preview'),
                isSubtle: true,
                maxLines: 2,
                wrap: true,
              }
            : null,
          {
            type: 'ActionSet',
            actions: [
              {
                type: 'Action.Execute',
                title: orPath(get(get(root, 'strings'), 'reply'), '$root.strings.reply'),
                verb: 'openReply',
                data: {
                  groupId: orPath(get(data1, 'groupId'), 'groupId'),
                  groupName: orPath(get(data1, 'groupNameData'), 'groupNameData'),
                  conversationId: orPath(get(data1, 'conversationId'), 'conversationId'),
                  threadId: '',
                  topic: orPath(get(data1, 'topicData'), 'topicData'),
                  draftId: '',
                },
              },
            ],
          },
        ]),
      })),
    ]),
    actions: items([
      equals(get(root, 'state'), 'choice')
        ? {
            type: 'Action.Execute',
            title: orPath(get(get(root, 'strings'), 'show'), 'strings.show'),
            verb: 'recentConversations',
            data: {
              groupChoices: orPath(get(root, 'groups'), 'groups'),
            },
          }
        : null,
      differs(get(root, 'state'), 'choice') &&
      differs(get(root, 'state'), 'noGroups') &&
      differs(get(root, 'groupId'), '')
        ? {
            type: 'Action.Execute',
            title: orPath(get(get(root, 'strings'), 'refresh'), 'strings.refresh'),
            verb: 'recentConversations',
            data: {
              groupId: orPath(get(root, 'groupId'), 'groupId'),
              groupName: orPath(get(root, 'groupNameData'), 'groupNameData'),
            },
          }
        : null,
      {
        type: 'Action.Execute',
        title: orPath(get(get(root, 'strings'), 'startConversation'), 'strings.startConversation'),
        verb: 'newDraft',
        data: {},
      },
    ]),
  };
}
