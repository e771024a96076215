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
