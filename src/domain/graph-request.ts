import type { Recipient, ValidDraft } from './draft';
import { plainTextToHtml } from './html';
import { singleLineText } from './text';

/** The body of `POST /groups/{id}/conversations`, exactly the shape the API page documents. */
export interface CreateConversationRequest {
  topic: string;
  threads: Array<{
    posts: Array<{
      body: { contentType: 'html'; content: string };
      newParticipants: Array<{ emailAddress: { name: string; address: string } }>;
    }>;
  }>;
}

export function toCreateConversationRequest(
  draft: Pick<ValidDraft, 'topic' | 'body'>,
  recipients: readonly Recipient[],
): CreateConversationRequest {
  return {
    topic: draft.topic,
    threads: [
      {
        posts: [
          {
            body: { contentType: 'html', content: plainTextToHtml(draft.body) },
            // Directory names are text someone typed too: no control or bidi characters reach the mailbox.
            newParticipants: recipients.map(({ name, address }) => ({
              emailAddress: { name: singleLineText(name), address },
            })),
          },
        ],
      },
    ],
  };
}
