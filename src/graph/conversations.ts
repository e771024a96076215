import type { Client } from '@microsoft/microsoft-graph-client';
import type { CreateConversationRequest } from '../domain/graph-request';
import { toGraphFailure } from './errors';

export interface CreatedConversation {
  id: string;
  threadId?: string;
  preview?: string;
  lastDeliveredDateTime?: string;
}

interface GraphConversation {
  id: string;
  preview?: string | null;
  lastDeliveredDateTime?: string | null;
  threads?: Array<{ id: string }> | null;
}

/** POST /groups/{id}/conversations. Any 2xx is success: the API page says 201, its example shows 200. */
export async function createConversation(
  client: Client,
  groupId: string,
  request: CreateConversationRequest,
): Promise<CreatedConversation> {
  try {
    const created = (await client
      .api(`/groups/${encodeURIComponent(groupId)}/conversations`)
      .post(request)) as GraphConversation;
    return {
      id: created.id,
      threadId: created.threads?.[0]?.id,
      preview: created.preview ?? undefined,
      lastDeliveredDateTime: created.lastDeliveredDateTime ?? undefined,
    };
  } catch (error) {
    throw toGraphFailure(error);
  }
}

interface ConversationPage {
  value: Array<GraphConversation & { topic?: string | null }>;
}

/**
 * A conversation with this topic delivered since `since`, among the group's newest. Used only when an
 * earlier attempt at the same draft vanished mid-post, to avoid posting it a second time.
 */
export async function findRecentConversation(
  client: Client,
  groupId: string,
  topic: string,
  since: Date,
): Promise<CreatedConversation | undefined> {
  try {
    const page = (await client
      .api(`/groups/${encodeURIComponent(groupId)}/conversations`)
      .top(25)
      .get()) as ConversationPage;
    const match = page.value.find(
      (conversation) =>
        conversation.topic === topic &&
        Date.parse(conversation.lastDeliveredDateTime ?? '') >= since.getTime(),
    );
    return match
      ? {
          id: match.id,
          preview: match.preview ?? undefined,
          lastDeliveredDateTime: match.lastDeliveredDateTime ?? undefined,
        }
      : undefined;
  } catch (error) {
    throw toGraphFailure(error);
  }
}
