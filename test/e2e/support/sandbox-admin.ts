/** The Graph sandbox's admin endpoints over HTTP, as a person following docs/local-playground.md uses them. */

export interface StoredConversationSummary {
  id: string;
  groupId: string;
  topic: string;
}

export async function storedConversations(sandboxOrigin: string): Promise<StoredConversationSummary[]> {
  const response = await fetch(`${sandboxOrigin}/_sandbox/conversations`);
  if (!response.ok) throw new Error(`GET /_sandbox/conversations answered ${response.status}`);
  const body = (await response.json()) as { value: StoredConversationSummary[] };
  return body.value;
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
