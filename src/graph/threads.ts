import type { Client } from '@microsoft/microsoft-graph-client';
import type { ReplyRequest } from '../domain/reply';
import { toGraphFailure } from './errors';
import { relativeNextLink } from './paging';

/** A conversation's thread: replying to it, finding its id, reading its posts (for counts and look-ups). */

/**
 * POST /groups/{id}/threads/{id}/reply (https://learn.microsoft.com/graph/api/conversationthread-reply):
 * 202 Accepted and no body. Any 2xx is success. Never retried after a 5xx (graph/deadline-retry.ts).
 */
export async function replyToThread(
  client: Client,
  groupId: string,
  threadId: string,
  request: ReplyRequest,
): Promise<void> {
  try {
    await client
      .api(`/groups/${encodeURIComponent(groupId)}/threads/${encodeURIComponent(threadId)}/reply`)
      .post(request);
  } catch (error) {
    throw toGraphFailure(error);
  }
}

/**
 * The conversation's first thread, for a card that does not carry it (a create reconciled by listing, a
 * listed conversation): GET /groups/{id}/conversations/{id}/threads
 * (https://learn.microsoft.com/graph/api/conversation-list-threads). Undefined when it has none.
 */
export async function firstThreadId(
  client: Client,
  groupId: string,
  conversationId: string,
): Promise<string | undefined> {
  try {
    const result = (await client
      .api(
        `/groups/${encodeURIComponent(groupId)}/conversations/${encodeURIComponent(conversationId)}/threads`,
      )
      .get()) as { value: Array<{ id: string }> };
    return result.value[0]?.id;
  } catch (error) {
    throw toGraphFailure(error);
  }
}

/** One post of a thread, as much of it as the cards use. */
export interface ThreadPost {
  senderName: string;
  createdAt: string;
}

interface GraphPost {
  createdDateTime?: string | null;
  from?: { emailAddress?: { name?: string | null } | null } | null;
  sender?: { emailAddress?: { name?: string | null } | null } | null;
}

/** Paging bound: a thread with more posts than this is summarised from what was read. */
const MAX_POST_PAGES = 5;

/**
 * The thread's posts, oldest first: GET /groups/{id}/threads/{id}/posts
 * (https://learn.microsoft.com/graph/api/conversationthread-list-posts), which documents `$select` (and
 * `$expand`) only: the order is established here, since the page promises none.
 */
export async function listThreadPosts(
  client: Client,
  groupId: string,
  threadId: string,
  baseUrl: URL,
): Promise<ThreadPost[]> {
  const posts: ThreadPost[] = [];
  // $select is documented for this call: the bodies (up to a mailbox message each) are never fetched.
  let path: string | undefined =
    `/groups/${encodeURIComponent(groupId)}/threads/${encodeURIComponent(threadId)}/posts` +
    '?$select=from,sender,createdDateTime';
  try {
    for (let page = 0; path && page < MAX_POST_PAGES; page++) {
      const result = (await client.api(path).get()) as { value: GraphPost[]; '@odata.nextLink'?: string };
      for (const post of result.value)
        posts.push({
          senderName: post.from?.emailAddress?.name ?? post.sender?.emailAddress?.name ?? '',
          createdAt: post.createdDateTime ?? '',
        });
      path = relativeNextLink(result['@odata.nextLink'], baseUrl);
    }
  } catch (error) {
    throw toGraphFailure(error);
  }
  return posts.sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt));
}

/** What the card shows after a reply: how many replies the thread has, and the latest one's author and time. */
export interface ReplySummary {
  replyCount: number;
  latestAuthor: string;
  latestAt: string;
}

/** The first post starts the conversation; every later one is a reply. */
export function summarise(posts: readonly ThreadPost[]): ReplySummary | undefined {
  if (posts.length < 2) return undefined;
  const latest = posts[posts.length - 1];
  return { replyCount: posts.length - 1, latestAuthor: latest.senderName, latestAt: latest.createdAt };
}

/**
 * A reply by `senderName` delivered since `since`: the trace a reply whose answer was lost leaves. Only
 * sender and time are compared: Exchange may rewrite the HTML body, so the text is no reliable match.
 */
export function findReplyBy(posts: readonly ThreadPost[], senderName: string, since: Date): boolean {
  return posts
    .slice(1)
    .some((post) => post.senderName === senderName && Date.parse(post.createdAt) >= since.getTime());
}
