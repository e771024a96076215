import type { Client } from '@microsoft/microsoft-graph-client';
import type { Recipient, ValidDraft } from '../domain/draft';
import { toCreateConversationRequest } from '../domain/graph-request';
import { type CreatedConversation, createConversation } from '../graph/conversations';
import { getGroup, resolveUsers } from '../graph/directory';
import { GraphFailure } from '../graph/errors';
import type { Confirmation } from './confirmation';
import { type DraftRecord, type PostTarget, storeFailure } from './draft-record';
import type { SubmitFailure } from './outcome';

/** The confirmation card's excerpt of the body: a glance, not a copy (cards must stay small). */
const PREVIEW_LENGTH = 200;

/**
 * Checks the group and people (reads: a failure there proves nothing was posted), marks the draft
 * "posting", then creates the conversation once. The answer decides the next state: created; open with
 * Graph's reason when Graph promised it did nothing; otherwise unknown.
 */
export async function postDraft(
  client: Client,
  record: DraftRecord,
  valid: ValidDraft,
  save: (record: DraftRecord) => Promise<void>,
  deadline: number,
): Promise<DraftRecord> {
  const ids = valid.participants.flatMap((entry) => (entry.kind === 'id' ? [entry.id] : []));
  let target: PostTarget;
  try {
    const [group, users] = await Promise.all([
      getGroup(client, valid.groupId),
      ids.length > 0
        ? resolveUsers(client, ids, deadline)
        : Promise.resolve({ found: new Map(), unknown: [] }),
    ]);
    if (!group.isUnified) return open(record, { kind: 'notUnified', groupName: group.displayName });
    if (users.unknown.length > 0) return open(record, { kind: 'unknownParticipants', ids: users.unknown });
    target = { groupName: group.displayName, recipients: toRecipients(valid, users.found) };
  } catch (error) {
    if (error instanceof GraphFailure) return open(record, { kind: 'graph', error });
    throw error;
  }

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
  return { ...record, state: { phase: 'created', confirmation } };
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
