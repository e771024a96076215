// Template SHA-256: e832f3fb37f401fce3b864df08d53951cbce521cf221c6e420c9c0ac6e8253a8
/** Generated from src/cards/templates/confirmation.json by scripts/compile-cards.ts (npm run cards:compile). */
// Edit the template, never this file: test/unit/compiled-cards.test.ts fails until it is regenerated.
import { differs, get, greater, isTrue, items, orPath, piece } from '../template-runtime';

export function expandConfirmation(root: unknown): Record<string, unknown> {
  return {
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    type: 'AdaptiveCard',
    version: '1.5',
    body: items([
      {
        type: 'TextBlock',
        text: orPath(get(get(root, 'strings'), 'title'), 'strings.title'),
        weight: 'Bolder',
        size: 'Medium',
        color: 'Good',
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
          {
            title: orPath(get(get(root, 'strings'), 'participants'), 'strings.participants'),
            value: orPath(get(root, 'participantList'), 'participantList'),
          },
          {
            title: orPath(get(get(root, 'strings'), 'started'), 'strings.started'),
            value:
              '{{DATE(' +
              piece(orPath(get(root, 'createdAt'), 'createdAt'), 'createdAt') +
              ', SHORT)}} {{TIME(' +
              piece(orPath(get(root, 'createdAt'), 'createdAt'), 'createdAt') +
              ')}}',
          },
          {
            title: orPath(get(get(root, 'strings'), 'startedBy'), 'strings.startedBy'),
            value: orPath(get(root, 'startedBy'), 'startedBy'),
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
      differs(get(root, 'preview'), '')
        ? {
            type: 'Container',
            style: 'emphasis',
            items: [
              {
                type: 'TextBlock',
                text: orPath(get(root, 'preview'), 'preview'),
                isSubtle: true,
                wrap: true,
                maxLines: 4,
              },
            ],
          }
        : null,
      {
        type: 'TextBlock',
        text: orPath(get(root, 'whereToFind'), 'whereToFind'),
        isSubtle: true,
        size: 'Small',
        wrap: true,
      },
    ]),
    actions: [
      {
        type: 'Action.ShowCard',
        title: orPath(get(get(root, 'strings'), 'reply'), 'strings.reply'),
        card: {
          type: 'AdaptiveCard',
          body: [
            {
              type: 'Input.Text',
              id: 'replyText',
              label: orPath(get(get(root, 'strings'), 'yourReply'), 'strings.yourReply'),
              isMultiline: true,
              isRequired: true,
              errorMessage: orPath(get(get(root, 'strings'), 'replyRequired'), 'strings.replyRequired'),
              placeholder: orPath(get(get(root, 'strings'), 'replyPlaceholder'), 'strings.replyPlaceholder'),
            },
          ],
          actions: [
            {
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
            },
          ],
        },
      },
      {
        type: 'Action.Execute',
        title: orPath(get(get(root, 'strings'), 'recentConversations'), 'strings.recentConversations'),
        verb: 'recentConversations',
        data: {
          groupId: orPath(get(root, 'groupId'), 'groupId'),
          groupName: orPath(get(root, 'groupNameData'), 'groupNameData'),
        },
      },
      {
        type: 'Action.Execute',
        title: orPath(get(get(root, 'strings'), 'startAnother'), 'strings.startAnother'),
        verb: 'newDraft',
        data: {
          conversationId: orPath(get(root, 'conversationId'), 'conversationId'),
          threadId: orPath(get(root, 'threadId'), 'threadId'),
          groupId: orPath(get(root, 'groupId'), 'groupId'),
          draftId: orPath(get(root, 'draftId'), 'draftId'),
        },
      },
    ],
  };
}
