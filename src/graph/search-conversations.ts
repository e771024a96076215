import type { Client } from '@microsoft/microsoft-graph-client';
import { listRecentConversations, type RecentConversation } from './recent-conversations';

/** Conversations of a group whose topic holds every word searched for, matched here over recent items. */

export interface SearchQuery {
  /** Only conversations delivered since then are read: Graph has no topic search for conversations. */
  sinceDays: number;
  /** Paging bound per group: the list is never read to its end for a busy group. */
  maxPages: number;
  baseUrl: URL;
  now?: Date;
}

/**
 * GET /groups/{id}/conversations documents `$filter` and `$select` only, and of `$filter` nothing that
 * searches inside a topic (https://learn.microsoft.com/graph/api/group-list-conversations): `$search` and
 * `contains()` are not offered. So the recent conversations are read (the same bounded, documented query as
 * "recent", docs/decisions.md #26) and their topics matched here. All of them, newest first, when no word
 * is given (Teams' initial run).
 */
export async function searchConversations(
  client: Client,
  groupId: string,
  words: readonly string[],
  query: SearchQuery,
): Promise<RecentConversation[]> {
  const recent = await listRecentConversations(client, groupId, {
    ...query,
    limit: Number.POSITIVE_INFINITY,
  });
  return recent.filter((conversation) => topicMatches(conversation.topic, words));
}

/** The words of what the user typed, folded as topics are; at most a few, each of bounded length. */
export function searchWords(typed: string): string[] {
  return fold(typed)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length > 0)
    .slice(0, 8)
    .map((word) => word.slice(0, 64));
}

/** Every word appears in the topic, ignoring case and accents ("Übersicht" is found by "ubersicht"). */
export function topicMatches(topic: string, words: readonly string[]): boolean {
  const folded = fold(topic);
  return words.every((word) => folded.includes(word));
}

/** Lower case without diacritics; "ß" as "ss", as German users type it either way. */
function fold(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replaceAll('ß', 'ss');
}
