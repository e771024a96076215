import type { Client } from '@microsoft/microsoft-graph-client';
import { toGraphFailure } from './errors';
import { relativeNextLink } from './paging';

/** A group's most recent conversations, with only the query options Graph documents. */

export interface RecentConversation {
  id: string;
  topic: string;
  lastDeliveredDateTime: string;
  preview: string;
}

interface GraphConversation {
  id: string;
  topic?: string | null;
  lastDeliveredDateTime?: string | null;
  preview?: string | null;
}

export interface RecentQuery {
  /** How far back to look: conversations quiet for longer are not "recent". */
  sinceDays: number;
  limit: number;
  /** Paging bound: the list is never read to its end for a busy group. */
  maxPages: number;
  baseUrl: URL;
  now?: Date;
}

/**
 * GET /groups/{id}/conversations documents `$filter` and `$select` only
 * (https://learn.microsoft.com/graph/api/group-list-conversations): no `$orderby`, no `$top`. So the list is
 * narrowed to conversations delivered since a recent date, read for a bounded number of pages, and sorted
 * newest first here.
 */
export async function listRecentConversations(
  client: Client,
  groupId: string,
  query: RecentQuery,
): Promise<RecentConversation[]> {
  const now = query.now ?? new Date();
  const since = new Date(now.getTime() - query.sinceDays * 86_400_000)
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z');
  const found: RecentConversation[] = [];
  let path: string | undefined =
    `/groups/${encodeURIComponent(groupId)}/conversations` +
    `?$filter=lastDeliveredDateTime ge ${since}&$select=id,topic,lastDeliveredDateTime,preview`;
  try {
    for (let page = 0; path && page < query.maxPages; page++) {
      const result = (await client.api(path).get()) as {
        value: GraphConversation[];
        '@odata.nextLink'?: string;
      };
      for (const conversation of result.value)
        found.push({
          id: conversation.id,
          topic: conversation.topic ?? '',
          lastDeliveredDateTime: conversation.lastDeliveredDateTime ?? '',
          preview: conversation.preview ?? '',
        });
      path = relativeNextLink(result['@odata.nextLink'], query.baseUrl);
    }
  } catch (error) {
    throw toGraphFailure(error);
  }
  return found
    .sort((a, b) => (Date.parse(b.lastDeliveredDateTime) || 0) - (Date.parse(a.lastDeliveredDateTime) || 0))
    .slice(0, query.limit);
}
