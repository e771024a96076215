import type { Client } from '@microsoft/microsoft-graph-client';
import type { Recipient } from '../domain/draft';
import { GraphFailure, kindForStatus, toGraphFailure } from './errors';
import { type GroupNameCache, groupNames } from './group-names';
import { relativeNextLink } from './paging';

export interface GroupSummary {
  id: string;
  displayName: string;
  isUnified: boolean;
}

interface GraphGroup {
  id: string;
  displayName?: string | null;
  groupTypes?: string[] | null;
}

interface GraphUser {
  id: string;
  displayName?: string | null;
  mail?: string | null;
  userPrincipalName?: string | null;
}

interface Page<T> {
  value: T[];
  '@odata.nextLink'?: string;
}

interface BatchResponse {
  responses: Array<{ id: string; status: number; headers?: Record<string, string>; body?: unknown }>;
}

const BATCH_LIMIT = 20;
/** A choice set beyond this is unusable in a card and pushes it towards Teams' size limit. */
const MAX_GROUP_CHOICES = 100;

/**
 * One group's name and type. Only needed when a submit's draft does not name its group (the form always
 * does): see docs/decisions.md #10.
 */
export async function getGroup(
  client: Client,
  groupId: string,
  names: GroupNameCache = groupNames,
): Promise<GroupSummary> {
  let group: GraphGroup;
  try {
    group = (await client
      .api(`/groups/${encodeURIComponent(groupId)}`)
      .select(['id', 'displayName', 'groupTypes'])
      .get()) as GraphGroup;
  } catch (error) {
    throw toGraphFailure(error);
  }
  return remembered(toSummary(group), names);
}

/**
 * The signed-in user's Microsoft 365 groups. Filtering memberOf on groupTypes is an "advanced query":
 * Graph refuses it without ConsistencyLevel: eventual and $count=true.
 */
export async function listMyUnifiedGroups(
  client: Client,
  baseUrl: URL,
  names: GroupNameCache = groupNames,
): Promise<GroupSummary[]> {
  const groups: GroupSummary[] = [];
  let path: string | undefined =
    "/me/memberOf/microsoft.graph.group?$filter=groupTypes/any(c:c eq 'Unified')&$count=true" +
    '&$select=id,displayName,groupTypes&$top=100';
  try {
    while (path && groups.length < MAX_GROUP_CHOICES) {
      const page = (await client.api(path).header('ConsistencyLevel', 'eventual').get()) as Page<GraphGroup>;
      groups.push(...page.value.map(toSummary));
      path = relativeNextLink(page['@odata.nextLink'], baseUrl);
    }
  } catch (error) {
    throw toGraphFailure(error);
  }
  return groups
    .filter((group) => group.isUnified)
    .map((group) => remembered(group, names))
    .slice(0, MAX_GROUP_CHOICES)
    .sort((a, b) => a.displayName.localeCompare(b.displayName));
}

/** Result of resolving picker ids: the people found, and the ids the directory does not know. */
export interface ResolvedUsers {
  found: Map<string, Recipient>;
  unknown: string[];
}

/** Resolves Entra object ids to name + address with $batch, twenty users per round trip. */
export async function resolveUsers(
  client: Client,
  ids: readonly string[],
  deadline: number,
): Promise<ResolvedUsers> {
  const found = new Map<string, Recipient>();
  const unknown: string[] = [];
  for (let start = 0; start < ids.length; start += BATCH_LIMIT) {
    let pending = ids.slice(start, start + BATCH_LIMIT);
    for (let round = 0; pending.length > 0; round++) {
      const throttled = await resolveChunk(client, pending, found, unknown);
      if (throttled === undefined) break;
      // Graph throttles single items of a batch that itself answers 200, each with its own Retry-After
      // (https://learn.microsoft.com/graph/json-batching): those items alone are asked again, in time.
      const waitMs = (throttled.failure.retryAfterSeconds ?? 2 ** round) * 1000;
      if (round >= MAX_ITEM_RETRIES || Date.now() + waitMs >= deadline) throw throttled.failure;
      await new Promise((resolve) => setTimeout(resolve, waitMs));
      pending = throttled.ids;
    }
  }
  return { found, unknown };
}

const MAX_ITEM_RETRIES = 2;
/** Sub-request answers that say "not now" rather than "no". */
const ITEM_RETRYABLE = new Set([429, 503, 504]);

async function resolveChunk(
  client: Client,
  chunk: readonly string[],
  found: Map<string, Recipient>,
  unknown: string[],
): Promise<{ ids: string[]; failure: GraphFailure } | undefined> {
  const requests = chunk.map((id, index) => ({
    id: String(index),
    method: 'GET',
    url: `/users/${encodeURIComponent(id)}?$select=id,displayName,mail,userPrincipalName`,
  }));
  let batch: BatchResponse;
  try {
    batch = (await client.api('/$batch').post({ requests })) as BatchResponse;
  } catch (error) {
    throw toGraphFailure(error);
  }
  const throttled: string[] = [];
  let failure: GraphFailure | undefined;
  for (const item of batch.responses) {
    const id = chunk[Number(item.id)];
    if (item.status === 200) found.set(id, toRecipient(item.body as GraphUser));
    else if (item.status === 404) unknown.push(id);
    else if (ITEM_RETRYABLE.has(item.status)) {
      throttled.push(id);
      const itemFailure = batchItemFailure(item);
      if ((itemFailure.retryAfterSeconds ?? 0) >= (failure?.retryAfterSeconds ?? 0)) failure = itemFailure;
    } else throw batchItemFailure(item);
  }
  // Only when something was throttled: a GraphFailure is an Error, and capturing its stack on every
  // resolved batch cost ~5% of a create with picker ids (docs/performance.md).
  if (throttled.length === 0) return undefined;
  return { ids: throttled, failure: failure ?? new GraphFailure('throttled', 429, undefined, undefined) };
}

function toSummary(group: GraphGroup): GroupSummary {
  return {
    id: group.id,
    displayName: group.displayName ?? group.id,
    isUnified: (group.groupTypes ?? []).includes('Unified'),
  };
}

/** Microsoft 365 groups only: a cached name stands for "this group can hold conversations". */
function remembered(group: GroupSummary, names: GroupNameCache): GroupSummary {
  if (group.isUnified) names.remember(group.id, group.displayName);
  return group;
}

function toRecipient(user: GraphUser): Recipient {
  // Users without a mailbox address still have a UPN, which Exchange accepts as an address.
  const address = user.mail ?? user.userPrincipalName ?? '';
  return { name: user.displayName ?? address, address: address.toLowerCase() };
}

function batchItemFailure(item: BatchResponse['responses'][number]): GraphFailure {
  const body = item.body as { error?: { code?: string; innerError?: { 'request-id'?: string } } } | undefined;
  const retryAfter = item.headers?.['Retry-After'] ?? item.headers?.['retry-after'];
  return new GraphFailure(
    kindForStatus(item.status),
    item.status,
    body?.error?.code,
    body?.error?.innerError?.['request-id'],
    retryAfter === undefined ? undefined : Number(retryAfter),
  );
}
