import type { Client } from '@microsoft/microsoft-graph-client';
import type { Confirmation } from '../domain/confirmation';
import type { Recipient, SubmittedDraft, ValidDraft } from '../domain/draft';
import { toCreateConversationRequest } from '../domain/graph-request';
import { type CreatedConversation, createConversation } from '../graph/conversations';
import { getGroup, type ResolvedUsers, resolveUsers } from '../graph/directory';
import { GraphFailure } from '../graph/errors';
import { groupNames } from '../graph/group-names';
import { type MailboxQueue, MailboxQueueTimeout, mailboxQueue } from '../graph/mailbox-queue';
import { type DraftRecord, type PostTarget, postedRecord, storeFailure } from './draft-record';
import type { SubmitFailure } from './outcome';

/** The confirmation card's excerpt of the body: a glance, not a copy (cards must stay small). */
const PREVIEW_LENGTH = 200;

/**
 * A create whose turn on the mailbox comes later than this before the attempt's deadline is not started:
 * cut off by the deadline mid-request its outcome would be unknown, where refused it is plainly "not posted".
 */
export const CREATE_RESERVE_MS = 5_000;

/**
 * Reads only what the draft does not already say (a failed read proves nothing was posted): the people
 * behind picker ids, and the group only when the draft does not name it. Then, in the group mailbox's turn
 * (at most 4 requests in flight per mailbox, see graph/mailbox-queue.ts), marks the draft "posting" and
 * creates the conversation once. Graph's answer decides the next state: created; open with Graph's reason
 * when Graph promised it did nothing (a 403 for a group that is not a Microsoft 365 group, or the user's
 * consent missing, among them); otherwise unknown.
 */
export async function postDraft(
  client: Client,
  record: DraftRecord,
  valid: ValidDraft,
  save: (record: DraftRecord) => Promise<void>,
  deadline: number,
  queue: MailboxQueue = mailboxQueue,
): Promise<DraftRecord> {
  const ids = valid.participants.flatMap((entry) => (entry.kind === 'id' ? [entry.id] : []));
  const knownName = groupNameIn(record.draft, valid.groupId) ?? groupNames.nameOf(valid.groupId);
  let target: PostTarget;
  try {
    const [group, users] = await Promise.all([
      knownName === undefined ? getGroup(client, valid.groupId) : undefined,
      ids.length > 0 ? resolveUsers(client, ids, deadline) : nobody(),
    ]);
    if (group && !group.isUnified) return open(record, { kind: 'notUnified', groupName: group.displayName });
    if (users.unknown.length > 0) return open(record, { kind: 'unknownParticipants', ids: users.unknown });
    const groupName = knownName ?? group?.displayName ?? valid.groupId;
    target = { groupName, recipients: toRecipients(valid, users.found) };
  } catch (error) {
    if (error instanceof GraphFailure) return open(record, { kind: 'graph', error });
    throw error;
  }

  try {
    return await queue.run(
      // One mailbox whatever the case of its id: GUIDs compare case-insensitively.
      valid.groupId.toLowerCase(),
      deadline - CREATE_RESERVE_MS,
      () => create(client, record, valid, target, save),
      // A draft waiting for its turn must be findable: a check or a card refresh meanwhile answers "posting"
      // (the attempt holds the draft) rather than "no such draft".
      () => save(record),
    );
  } catch (error) {
    // No turn came in time: nothing was sent, so the draft simply stays open.
    if (error instanceof MailboxQueueTimeout) return open(record, { kind: 'mailboxBusy' });
    throw error;
  }
}

async function create(
  client: Client,
  record: DraftRecord,
  valid: ValidDraft,
  target: PostTarget,
  save: (record: DraftRecord) => Promise<void>,
): Promise<DraftRecord> {
  const now = new Date().toISOString();
  const posting: DraftRecord = {
    ...record,
    firstPostAt: record.firstPostAt ?? now,
    state: { phase: 'posting', since: now, ...target },
  };
  await save(posting);
  try {
    const created = await createConversation(
      client,
      valid.groupId,
      toCreateConversationRequest(valid, target.recipients),
    );
    return createdRecord(posting, valid, target, created);
  } catch (error) {
    if (!(error instanceof GraphFailure)) throw error;
    if (error.nothingDone) return open(posting, { kind: 'graph', error });
    return {
      ...posting,
      state: { phase: 'unknown', since: now, requestId: error.requestId, lookedUp: false, ...target },
    };
  }
}

/**
 * The group's name as the form showed it: the team's linked group, or the chosen one among the user's
 * groups the form listed. Display only: Graph checks the group id itself when the conversation is posted.
 */
export function groupNameIn(draft: SubmittedDraft, groupId: string): string | undefined {
  const { target } = draft;
  if (target.kind === 'linked') return target.id === groupId ? target.displayName : undefined;
  return target.groups.find((group) => group.id === groupId)?.displayName;
}

function nobody(): ResolvedUsers {
  return { found: new Map(), unknown: [] };
}

/** The draft as posted: the confirmation every later submit, check or refresh of it answers. */
export function createdRecord(
  record: DraftRecord,
  valid: ValidDraft,
  target: PostTarget,
  created: CreatedConversation,
): DraftRecord {
  const confirmation: Confirmation = {
    draftId: record.draftId,
    conversationId: created.id,
    threadId: created.threadId,
    topic: valid.topic,
    groupId: valid.groupId,
    groupName: target.groupName,
    participants: target.recipients,
    createdAt: new Date().toISOString(),
    startedBy: record.author.name,
    preview: excerpt(valid.body),
  };
  return postedRecord(record, confirmation);
}

function open(record: DraftRecord, failure: SubmitFailure): DraftRecord {
  return { ...record, state: { phase: 'open', failure: storeFailure(failure) } };
}

function excerpt(body: string): string {
  const flat = body.replace(/\s+/g, ' ').trim();
  return flat.length <= PREVIEW_LENGTH ? flat : `${flat.slice(0, PREVIEW_LENGTH - 1)}…`;
}

export function toRecipients(draft: ValidDraft, found: Map<string, Recipient>): Recipient[] {
  const recipients: Recipient[] = [];
  const seen = new Set<string>();
  for (const entry of draft.participants) {
    const person =
      entry.kind === 'id' ? found.get(entry.id) : { name: entry.address, address: entry.address };
    if (!person || seen.has(person.address)) continue;
    seen.add(person.address);
    recipients.push(person);
  }
  return recipients;
}
