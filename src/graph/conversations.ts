import type { Client } from '@microsoft/microsoft-graph-client';
import type { CreateConversationRequest } from '../domain/graph-request';
import { toGraphFailure } from './errors';
import { relativeNextLink } from './paging';

/** What Graph's create answer documents: the conversation's id and its threads' ids, nothing else. */
export interface CreatedConversation {
  id: string;
  threadId?: string;
}

interface GraphConversation {
  id: string;
  topic?: string | null;
  lastDeliveredDateTime?: string | null;
  uniqueSenders?: string[] | null;
  threads?: Array<{ id: string }> | null;
}

/**
 * POST /groups/{id}/conversations (https://learn.microsoft.com/graph/api/group-post-conversations). Any
 * 2xx is success: the page says 201, its example shows 200. Only `id` and `threads` are relied on.
 */
export async function createConversation(
  client: Client,
  groupId: string,
  request: CreateConversationRequest,
): Promise<CreatedConversation> {
  try {
    const created = (await client
      .api(`/groups/${encodeURIComponent(groupId)}/conversations`)
      .post(request)) as GraphConversation;
    return { id: created.id, threadId: created.threads?.[0]?.id };
  } catch (error) {
    throw toGraphFailure(error);
  }
}

export interface PostedConversationQuery {
  topic: string;
  /** No conversation delivered before this can be the one looked for. */
  since: Date;
  /** The author's display name, as Graph lists it in `uniqueSenders`. */
  senderName: string;
  baseUrl: URL;
}

/** Paging bound: a group's conversations since one attempt started fit in far fewer pages. */
const MAX_PAGES = 10;

/**
 * The conversation a create may have made although its answer was lost. Uses only what Graph documents
 * for listing a group's conversations, `$filter` and `$select`
 * (https://learn.microsoft.com/graph/api/group-list-conversations): no order, no `$top`. The topic and
 * sender are compared here, not in the filter, so no undocumented filter property is relied on.
 */
export async function findPostedConversation(
  client: Client,
  groupId: string,
  query: PostedConversationQuery,
): Promise<CreatedConversation | undefined> {
  const since = query.since.toISOString().replace(/\.\d{3}Z$/, 'Z');
  let path: string | undefined =
    `/groups/${encodeURIComponent(groupId)}/conversations` +
    `?$filter=lastDeliveredDateTime ge ${since}&$select=id,topic,lastDeliveredDateTime,uniqueSenders`;
  try {
    for (let page = 0; path && page < MAX_PAGES; page++) {
      const result = (await client.api(path).get()) as {
        value: GraphConversation[];
        '@odata.nextLink'?: string;
      };
      const match = result.value.find((conversation) => isPostedBy(conversation, query));
      if (match) return { id: match.id };
      path = relativeNextLink(result['@odata.nextLink'], query.baseUrl);
    }
    return undefined;
  } catch (error) {
    throw toGraphFailure(error);
  }
}

function isPostedBy(conversation: GraphConversation, query: PostedConversationQuery): boolean {
  if (conversation.topic !== query.topic) return false;
  const delivered = Date.parse(conversation.lastDeliveredDateTime ?? '');
  if (!Number.isNaN(delivered) && delivered < query.since.getTime()) return false;
  const senders = conversation.uniqueSenders;
  return !senders || senders.length === 0 || senders.includes(query.senderName);
}
