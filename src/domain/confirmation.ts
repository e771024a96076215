import type { Recipient } from './draft';

/** What the confirmation card shows, kept per draft so a resubmit answers the same card. */
export interface Confirmation {
  draftId: string;
  conversationId: string;
  threadId?: string;
  topic: string;
  groupId: string;
  groupName: string;
  participants: Recipient[];
  createdAt: string;
  startedBy: string;
  preview?: string;
}
