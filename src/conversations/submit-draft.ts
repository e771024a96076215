import type { Client } from '@microsoft/microsoft-graph-client';
import type { Recipient, ValidDraft } from '../domain/draft';
import { toCreateConversationRequest } from '../domain/graph-request';
import { createGraphClient } from '../graph/client';
import { createConversation, findRecentConversation } from '../graph/conversations';
import { getGroup, resolveUsers } from '../graph/directory';
import { GraphFailure } from '../graph/errors';
import type { Confirmation } from './confirmation';
import type { SubmissionLedger } from './ledger';
import type { FinalOutcome, SubmitOutcome } from './outcome';

/** The user's delegated token for this turn, and a way to get a fresh one after Graph says 401. */
export interface TurnTokens {
  token: string;
  refresh(): Promise<string | undefined>;
}

export interface SubmitDraftRequest {
  /** The draft's idempotency key: unique per user and per rendered form. */
  key: string;
  draftId: string;
  draft: ValidDraft;
  startedBy: string;
  tokens: TurnTokens;
  /** How long the caller can wait before it must answer its client. */
  budgetMs: number;
}

export interface SubmitDraftDeps {
  graphBaseUrl: URL;
  ledger: SubmissionLedger;
}

/** Posts a validated draft to its group once, however often it is submitted. */
export function submitDraft(deps: SubmitDraftDeps, request: SubmitDraftRequest): Promise<SubmitOutcome> {
  const deadline = Date.now() + request.budgetMs;
  return deps.ledger.run(request.key, request.budgetMs, ({ mayAlreadyExist }) =>
    withOneRefresh(request.tokens, (token) =>
      postDraft(
        createGraphClient({ baseUrl: deps.graphBaseUrl, token, deadline: deadline - 250 }),
        request,
        mayAlreadyExist,
      ),
    ),
  );
}

/** An expired or revoked token gets one fresh token and one more try; a second 401 goes to the user. */
async function withOneRefresh(
  tokens: TurnTokens,
  attempt: (token: string) => Promise<FinalOutcome>,
): Promise<FinalOutcome> {
  const first = await attempt(tokens.token);
  if (!isUnauthorized(first)) return first;
  const fresh = await tokens.refresh();
  if (!fresh || fresh === tokens.token) return first;
  return attempt(fresh);
}

function isUnauthorized(outcome: FinalOutcome): boolean {
  return (
    outcome.status === 'failed' &&
    outcome.failure.kind === 'graph' &&
    outcome.failure.error.kind === 'unauthorized'
  );
}

/** How far back an orphaned attempt's conversation is looked for (well beyond the ledger's stale time). */
const ORPHAN_WINDOW_MS = 30 * 60_000;

async function postDraft(
  client: Client,
  request: SubmitDraftRequest,
  mayAlreadyExist: boolean,
): Promise<FinalOutcome> {
  const { draft } = request;
  const ids = draft.participants.flatMap((entry) => (entry.kind === 'id' ? [entry.id] : []));
  try {
    const [group, users] = await Promise.all([
      getGroup(client, draft.groupId),
      ids.length > 0 ? resolveUsers(client, ids) : Promise.resolve({ found: new Map(), unknown: [] }),
    ]);
    if (!group.isUnified) return failed({ kind: 'notUnified', groupName: group.displayName });
    if (users.unknown.length > 0) return failed({ kind: 'unknownParticipants', ids: users.unknown });
    const recipients = toRecipients(draft, users.found);
    const since = new Date(Date.now() - ORPHAN_WINDOW_MS);
    const created =
      (mayAlreadyExist
        ? await findRecentConversation(client, draft.groupId, draft.topic, since)
        : undefined) ??
      (await createConversation(client, draft.groupId, toCreateConversationRequest(draft, recipients)));
    const confirmation: Confirmation = {
      draftId: request.draftId,
      conversationId: created.id,
      threadId: created.threadId,
      topic: draft.topic,
      groupId: group.id,
      groupName: group.displayName,
      participants: recipients,
      createdAt: created.lastDeliveredDateTime ?? new Date().toISOString(),
      startedBy: request.startedBy,
      preview: created.preview,
    };
    return { status: 'created', confirmation };
  } catch (error) {
    if (error instanceof GraphFailure) return failed({ kind: 'graph', error });
    throw error;
  }
}

function toRecipients(draft: ValidDraft, found: Map<string, Recipient>): Recipient[] {
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

function failed(failure: Extract<FinalOutcome, { status: 'failed' }>['failure']): FinalOutcome {
  return { status: 'failed', failure };
}
