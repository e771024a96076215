/** The Graph sandbox's admin endpoints over HTTP, as a person following docs/local-playground.md uses them. */

export interface StoredConversationSummary {
  id: string;
  groupId: string;
  topic: string;
  /** As Graph stores them: the first post starts the thread, replies follow in arrival order. */
  threads: StoredThreadSummary[];
}

export interface StoredThreadSummary {
  id: string;
  posts: StoredPostSummary[];
}

export interface StoredPostSummary {
  body: { contentType: string; content: string };
  sender: { emailAddress: { address: string; name?: string } };
}

export async function storedConversations(sandboxOrigin: string): Promise<StoredConversationSummary[]> {
  const response = await fetch(`${sandboxOrigin}/_sandbox/conversations`);
  if (!response.ok) throw new Error(`GET /_sandbox/conversations answered ${response.status}`);
  const body = (await response.json()) as { value: StoredConversationSummary[] };
  return body.value;
}

/** The posts after the first one in the thread of the group's only conversation: what was replied. */
export async function storedReplies(sandboxOrigin: string, groupId: string): Promise<StoredPostSummary[]> {
  const conversations = (await storedConversations(sandboxOrigin)).filter((c) => c.groupId === groupId);
  if (conversations.length !== 1)
    throw new Error(
      `Expected one conversation in group ${groupId}, the sandbox has ${conversations.length}.`,
    );
  const [thread, ...others] = conversations[0].threads;
  if (!thread || others.length > 0)
    throw new Error(`Expected one thread, the conversation has ${conversations[0].threads.length}.`);
  return thread.posts.slice(1);
}

export interface FaultRequest {
  count: number;
  status: number;
  retryAfterSeconds?: number;
  path?: string;
}

export async function failNextGraphRequests(sandboxOrigin: string, fault: FaultRequest): Promise<void> {
  const response = await fetch(`${sandboxOrigin}/_sandbox/faults`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(fault),
  });
  if (!response.ok) throw new Error(`POST /_sandbox/faults answered ${response.status}`);
}
