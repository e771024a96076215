// Template SHA-256: df735977bc2aee18982dc195bb90140d7a492af285d9b7dbbeecbad12bbcfa50
/** Generated from src/cards/templates/form.json by scripts/compile-cards.ts (npm run cards:compile). */
// Edit the template, never this file: test/unit/compiled-cards.test.ts fails until it is regenerated.
import {
  count,
  differs,
  get,
  greater,
  isTrue,
  items,
  orPath,
  piece,
  repeat,
  truthy,
} from '../template-runtime';

export function expandForm(root: unknown): Record<string, unknown> {
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
        wrap: true,
      },
      differs(get(root, 'linkedGroupName'), '')
        ? {
            type: 'TextBlock',
            text: orPath(get(root, 'linkedGroupText'), 'linkedGroupText'),
            isSubtle: true,
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
      isTrue(greater(count(get(root, 'errors')), 0))
        ? {
            type: 'Container',
            style: 'attention',
            items: items([
              {
                type: 'TextBlock',
                text: orPath(get(get(root, 'strings'), 'fixThese'), 'strings.fixThese'),
                weight: 'Bolder',
                wrap: true,
              },
              repeat(orPath(get(root, 'errors'), 'errors'), root, (data1) => ({
                type: 'TextBlock',
                text:
                  '- **' +
                  piece(orPath(get(data1, 'label'), 'label'), 'label') +
                  '**: ' +
                  piece(orPath(get(data1, 'message'), 'message'), 'message'),
                wrap: true,
              })),
            ]),
          }
        : null,
      isTrue(get(root, 'noGroups'))
        ? {
            type: 'TextBlock',
            text: orPath(get(get(root, 'strings'), 'noGroups'), 'strings.noGroups'),
            color: 'Warning',
            wrap: true,
          }
        : null,
      isTrue(get(root, 'showGroupChoice'))
        ? {
            type: 'Input.ChoiceSet',
            id: 'groupId',
            label: orPath(get(get(root, 'strings'), 'groupLabel'), 'strings.groupLabel'),
            isRequired: true,
            errorMessage: orPath(get(get(root, 'strings'), 'groupRequired'), 'strings.groupRequired'),
            placeholder: orPath(get(get(root, 'strings'), 'chooseGroup'), 'strings.chooseGroup'),
            value: orPath(get(root, 'groupId'), 'groupId'),
            choices: items([
              repeat(orPath(get(root, 'groups'), 'groups'), root, (data1) => ({
                title: orPath(get(data1, 'displayName'), 'displayName'),
                value: orPath(get(data1, 'id'), 'id'),
              })),
            ]),
          }
        : null,
      {
        type: 'Input.Text',
        id: 'topic',
        label: orPath(get(get(root, 'strings'), 'topic'), 'strings.topic'),
        isRequired: true,
        maxLength: 255,
        errorMessage: orPath(get(root, 'topicRequired'), 'topicRequired'),
        placeholder: orPath(get(get(root, 'strings'), 'topicPlaceholder'), 'strings.topicPlaceholder'),
        value: orPath(get(root, 'topic'), 'topic'),
      },
      {
        type: 'Input.Text',
        id: 'body',
        label: orPath(get(get(root, 'strings'), 'bodyLabel'), 'strings.bodyLabel'),
        isMultiline: true,
        isRequired: true,
        maxLength: 32000,
        errorMessage: orPath(get(get(root, 'strings'), 'bodyRequired'), 'strings.bodyRequired'),
        placeholder: orPath(get(get(root, 'strings'), 'bodyPlaceholder'), 'strings.bodyPlaceholder'),
        value: orPath(get(root, 'body'), 'body'),
      },
      {
        type: 'Input.ChoiceSet',
        id: 'participants',
        label: orPath(get(get(root, 'strings'), 'participantsLabel'), 'strings.participantsLabel'),
        isMultiSelect: true,
        placeholder: orPath(
          get(get(root, 'strings'), 'participantsPlaceholder'),
          'strings.participantsPlaceholder',
        ),
        value: orPath(get(root, 'participants'), 'participants'),
        choices: items([
          repeat(orPath(get(root, 'pickedPeople'), 'pickedPeople'), root, (data1) => ({
            title: orPath(get(data1, 'title'), 'title'),
            value: orPath(get(data1, 'value'), 'value'),
          })),
        ]),
        'choices.data': {
          type: 'Data.Query',
          dataset: 'graph.microsoft.com/users',
        },
      },
      {
        type: 'Input.Text',
        id: 'emails',
        label: orPath(get(get(root, 'strings'), 'emailsLabel'), 'strings.emailsLabel'),
        placeholder: orPath(get(get(root, 'strings'), 'emailsPlaceholder'), 'strings.emailsPlaceholder'),
        value: orPath(get(root, 'emails'), 'emails'),
      },
    ]),
    actions: items([
      !truthy(get(root, 'inDialog'))
        ? {
            type: 'Action.Execute',
            title: orPath(get(root, 'submitTitle'), 'submitTitle'),
            verb: 'createConversation',
            style: 'positive',
            data: {
              draftId: orPath(get(root, 'draftId'), 'draftId'),
              linkedGroupId: orPath(get(root, 'linkedGroupId'), 'linkedGroupId'),
              linkedGroupName: orPath(get(root, 'linkedGroupName'), 'linkedGroupName'),
              groupChoices: orPath(get(root, 'groups'), 'groups'),
            },
          }
        : null,
      isTrue(get(root, 'inDialog'))
        ? {
            type: 'Action.Submit',
            title: orPath(get(root, 'submitTitle'), 'submitTitle'),
            style: 'positive',
            data: {
              draftId: orPath(get(root, 'draftId'), 'draftId'),
              linkedGroupId: orPath(get(root, 'linkedGroupId'), 'linkedGroupId'),
              linkedGroupName: orPath(get(root, 'linkedGroupName'), 'linkedGroupName'),
              groupChoices: orPath(get(root, 'groups'), 'groups'),
            },
          }
        : null,
    ]),
  };
}
