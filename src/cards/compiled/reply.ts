// Template SHA-256: a09cf588efedee3c461e8b0f799e2627cd489562457a96d794d9c1cd6762cb96
/** Generated from src/cards/templates/reply.json by scripts/compile-cards.ts (npm run cards:compile). */
// Edit the template, never this file: test/unit/compiled-cards.test.ts fails until it is regenerated.
import { differs, equals, get, greater, isTrue, items, orPath, piece, truthy } from '../template-runtime';

export function expandReply(root: unknown): Record<string, unknown> {
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
        color: orPath(get(root, 'headingColor'), 'headingColor'),
        wrap: true,
      },
      {
        type: 'FactSet',
        facts: [
          {
            title: orPath(get(get(root, 'strings'), 'topic'), 'strings.topic'),
            value: orPath(get(root, 'topic'), 'topic'),
          },
          {
            title: orPath(get(get(root, 'strings'), 'group'), 'strings.group'),
            value: orPath(get(root, 'groupName'), 'groupName'),
          },
        ],
      },
      isTrue(greater(get(root, 'replyCount'), 0))
        ? {
            type: 'FactSet',
            facts: [
              {
                title: orPath(get(get(root, 'strings'), 'replies'), 'strings.replies'),
                value: orPath(get(root, 'replyCountText'), 'replyCountText'),
              },
              {
                title: orPath(get(get(root, 'strings'), 'latestReply'), 'strings.latestReply'),
                value:
                  piece(orPath(get(root, 'latestAuthor'), 'latestAuthor'), 'latestAuthor') +
                  ', {{DATE(' +
                  piece(orPath(get(root, 'latestAt'), 'latestAt'), 'latestAt') +
                  ', SHORT)}} {{TIME(' +
                  piece(orPath(get(root, 'latestAt'), 'latestAt'), 'latestAt') +
                  ')}}',
              },
            ],
          }
        : null,
      equals(get(root, 'state'), 'pending')
        ? {
            type: 'TextBlock',
            text: orPath(get(get(root, 'strings'), 'pending'), 'strings.pending'),
            wrap: true,
          }
        : null,
      equals(get(root, 'state'), 'unknown') && !truthy(get(root, 'lookedUp'))
        ? {
            type: 'TextBlock',
            text: orPath(get(get(root, 'strings'), 'notConfirmed'), 'strings.notConfirmed'),
            wrap: true,
          }
        : null,
      equals(get(root, 'state'), 'unknown') && truthy(get(root, 'lookedUp'))
        ? {
            type: 'TextBlock',
            text: orPath(get(get(root, 'strings'), 'notFoundYet'), 'strings.notFoundYet'),
            wrap: true,
          }
        : null,
      differs(get(root, 'notice'), '')
        ? {
            type: 'Container',
            style: 'warning',
            items: [
              {
                type: 'TextBlock',
                text: orPath(get(root, 'notice'), 'notice'),
                wrap: true,
              },
            ],
          }
        : null,
      differs(get(root, 'requestId'), '')
        ? {
            type: 'TextBlock',
            text: orPath(get(root, 'requestIdText'), 'requestIdText'),
            isSubtle: true,
            size: 'Small',
            wrap: true,
          }
        : null,
      differs(get(root, 'error'), '')
        ? {
            type: 'Container',
            style: 'attention',
            items: [
              {
                type: 'TextBlock',
                text: orPath(get(root, 'error'), 'error'),
                wrap: true,
              },
            ],
          }
        : null,
      equals(get(root, 'state'), 'form')
        ? {
            type: 'Input.Text',
            id: 'replyText',
            label: orPath(get(get(root, 'strings'), 'yourReply'), 'strings.yourReply'),
            isMultiline: true,
            isRequired: true,
            errorMessage: orPath(get(get(root, 'strings'), 'replyRequired'), 'strings.replyRequired'),
            placeholder: orPath(get(get(root, 'strings'), 'replyPlaceholder'), 'strings.replyPlaceholder'),
            value: orPath(get(root, 'replyText'), 'replyText'),
          }
        : null,
    ]),
    actions: items([
      equals(get(root, 'state'), 'form')
        ? {
            type: 'Action.Execute',
            title: orPath(get(get(root, 'strings'), 'postReply'), 'strings.postReply'),
            verb: 'postReply',
            style: 'positive',
            data: {
              replyDraftId: orPath(get(root, 'replyDraftId'), 'replyDraftId'),
              groupId: orPath(get(root, 'groupId'), 'groupId'),
              groupName: orPath(get(root, 'groupNameData'), 'groupNameData'),
              conversationId: orPath(get(root, 'conversationId'), 'conversationId'),
              threadId: orPath(get(root, 'threadId'), 'threadId'),
              topic: orPath(get(root, 'topicData'), 'topicData'),
              draftId: orPath(get(root, 'draftId'), 'draftId'),
            },
          }
        : null,
      equals(get(root, 'state'), 'unknown') || equals(get(root, 'state'), 'pending')
        ? {
            type: 'Action.Execute',
            title: orPath(get(get(root, 'strings'), 'checkAgain'), 'strings.checkAgain'),
            verb: 'checkReply',
            data: {
              replyDraftId: orPath(get(root, 'replyDraftId'), 'replyDraftId'),
              groupId: orPath(get(root, 'groupId'), 'groupId'),
              groupName: orPath(get(root, 'groupNameData'), 'groupNameData'),
              conversationId: orPath(get(root, 'conversationId'), 'conversationId'),
              threadId: orPath(get(root, 'threadId'), 'threadId'),
              topic: orPath(get(root, 'topicData'), 'topicData'),
              draftId: orPath(get(root, 'draftId'), 'draftId'),
            },
          }
        : null,
      equals(get(root, 'state'), 'unknown') && truthy(get(root, 'lookedUp'))
        ? {
            type: 'Action.Execute',
            title: orPath(get(get(root, 'strings'), 'postAnyway'), 'strings.postAnyway'),
            verb: 'replyAnyway',
            data: {
              replyDraftId: orPath(get(root, 'replyDraftId'), 'replyDraftId'),
              groupId: orPath(get(root, 'groupId'), 'groupId'),
              groupName: orPath(get(root, 'groupNameData'), 'groupNameData'),
              conversationId: orPath(get(root, 'conversationId'), 'conversationId'),
              threadId: orPath(get(root, 'threadId'), 'threadId'),
              topic: orPath(get(root, 'topicData'), 'topicData'),
              draftId: orPath(get(root, 'draftId'), 'draftId'),
            },
          }
        : null,
      equals(get(root, 'state'), 'posted')
        ? {
            type: 'Action.Execute',
            title: orPath(get(get(root, 'strings'), 'replyAgain'), 'strings.replyAgain'),
            verb: 'openReply',
            data: {
              groupId: orPath(get(root, 'groupId'), 'groupId'),
              groupName: orPath(get(root, 'groupNameData'), 'groupNameData'),
              conversationId: orPath(get(root, 'conversationId'), 'conversationId'),
              threadId: orPath(get(root, 'threadId'), 'threadId'),
              topic: orPath(get(root, 'topicData'), 'topicData'),
              draftId: '',
            },
          }
        : null,
      {
        type: 'Action.Execute',
        title: orPath(get(get(root, 'strings'), 'recentConversations'), 'strings.recentConversations'),
        verb: 'recentConversations',
        data: {
          groupId: orPath(get(root, 'groupId'), 'groupId'),
          groupName: orPath(get(root, 'groupNameData'), 'groupNameData'),
        },
      },
    ]),
    refresh:
      equals(get(root, 'state'), 'pending') || equals(get(root, 'state'), 'unknown')
        ? {
            action: {
              type: 'Action.Execute',
              verb: 'checkReply',
              data: {
                replyDraftId: orPath(get(root, 'replyDraftId'), 'replyDraftId'),
                groupId: orPath(get(root, 'groupId'), 'groupId'),
                groupName: orPath(get(root, 'groupNameData'), 'groupNameData'),
                conversationId: orPath(get(root, 'conversationId'), 'conversationId'),
                threadId: orPath(get(root, 'threadId'), 'threadId'),
                topic: orPath(get(root, 'topicData'), 'topicData'),
                draftId: orPath(get(root, 'draftId'), 'draftId'),
              },
            },
            userIds: items([orPath(get(root, 'authorMri'), 'authorMri')]),
          }
        : null,
  };
}
