/** All mutable sandbox state, in memory. Reset restores the seed tenant and forgets everything else. */
import type { DirectoryGroup, DirectoryUser, SandboxTenant } from './demo-tenant';

export interface EmailAddress {
  readonly address: string;
  readonly name?: string;
}

export interface Recipient {
  readonly emailAddress: EmailAddress;
}

export interface PostBody {
  readonly contentType: 'html' | 'text';
  readonly content: string;
}

export interface StoredPost {
  readonly id: string;
  readonly body: PostBody;
  readonly newParticipants: Recipient[];
  readonly from: Recipient;
  readonly sender: Recipient;
  readonly createdDateTime: string;
}

export interface StoredThread {
  readonly id: string;
  readonly topic: string;
  readonly posts: StoredPost[];
}

export interface StoredConversation {
  readonly groupId: string;
  readonly id: string;
  readonly topic: string;
  readonly createdDateTime: string;
  lastDeliveredDateTime: string;
  readonly uniqueSenders: string[];
  preview: string;
  readonly threads: StoredThread[];
}

export interface RecordedRequest {
  readonly method: string;
  /** Path and query as received, e.g. /v1.0/groups/x/conversations. */
  readonly path: string;
  /** Lower-cased names. The bearer token is redacted: records may end up in test output. */
  readonly headers: Record<string, string>;
  readonly body: unknown;
  readonly viaBatch: boolean;
  /**
   * The status answered; for a $batch sub-request, its own status. With `dropped`, the status the work
   * produced but never sent.
   */
  status: number;
  /** Set when a reset fault closed the connection instead of answering. */
  dropped?: true;
  /** Who the token said was calling, when it was valid. */
  callerId?: string;
}

export class SandboxStore {
  readonly requests: RecordedRequest[] = [];
  private conversationList: StoredConversation[] = [];
  private tenantData: SandboxTenant;

  constructor(private readonly seed: SandboxTenant) {
    this.tenantData = structuredClone(seed);
  }

  get tenant(): SandboxTenant {
    return this.tenantData;
  }

  reset(): void {
    this.tenantData = structuredClone(this.seed);
    this.conversationList = [];
    this.requests.length = 0;
  }

  findUser(idOrUpn: string): DirectoryUser | undefined {
    const key = idOrUpn.toLowerCase();
    return Object.values(this.tenantData.users).find(
      (u) => u.id.toLowerCase() === key || u.userPrincipalName.toLowerCase() === key,
    );
  }

  findGroup(id: string): DirectoryGroup | undefined {
    const key = id.toLowerCase();
    return Object.values(this.tenantData.groups).find((g) => g.id.toLowerCase() === key);
  }

  groupsOf(userId: string): DirectoryGroup[] {
    return Object.values(this.tenantData.groups).filter((g) => g.memberIds.includes(userId));
  }

  addConversation(conversation: StoredConversation): void {
    this.conversationList.push(conversation);
  }

  /** Live objects, for the route handlers; callers outside the sandbox get copies. */
  conversationsOf(groupId?: string): StoredConversation[] {
    if (groupId === undefined) return this.conversationList;
    const key = groupId.toLowerCase();
    return this.conversationList.filter((c) => c.groupId.toLowerCase() === key);
  }

  findThread(
    groupId: string,
    threadId: string,
  ): { conversation: StoredConversation; thread: StoredThread } | undefined {
    for (const conversation of this.conversationsOf(groupId)) {
      const thread = conversation.threads.find((t) => t.id === threadId);
      if (thread) return { conversation, thread };
    }
    return undefined;
  }
}
