/** Group conversations, threads and replies (Exchange-backed: ErrorAccessDenied style errors). */
import { type Caller, requireConversationAccess } from '../caller';
import { type NewPost, parseNewConversation, parseReply } from '../conversation-body';
import {
  CONVERSATION_PAGE_SIZE,
  parseConversationFilter,
  queryOption,
  requireSupportedOptions,
} from '../conversation-query';
import { GraphError } from '../errors';
import { exchangeId } from '../ids';
import { applySelect, decodeSkipToken, encodeSkipToken, formatQuery, selectSuffix } from '../odata';
import { makePreview } from '../preview';
import type { Recipient, StoredConversation, StoredPost, StoredThread } from '../store';
import { json, type Route, type RouteContext } from './types';

function storePost(post: NewPost, caller: Caller, now: string): StoredPost {
  const me: Recipient = { emailAddress: { name: caller.displayName, address: caller.address } };
  return {
    id: exchangeId('AAMkA'),
    body: post.body,
    newParticipants: post.newParticipants,
    from: post.from ?? me,
    sender: me,
    createdDateTime: now,
  };
}

function conversationResource(c: StoredConversation): Record<string, unknown> {
  return {
    id: c.id,
    topic: c.topic,
    hasAttachments: false,
    lastDeliveredDateTime: c.lastDeliveredDateTime,
    uniqueSenders: [...c.uniqueSenders],
    preview: c.preview,
  };
}

function threadResource(c: StoredConversation, t: StoredThread): Record<string, unknown> {
  return {
    id: t.id,
    topic: t.topic,
    hasAttachments: false,
    lastDeliveredDateTime: c.lastDeliveredDateTime,
    uniqueSenders: [...c.uniqueSenders],
    toRecipients: [],
    ccRecipients: [],
    preview: c.preview,
    isLocked: false,
  };
}

function postResource(p: StoredPost): Record<string, unknown> {
  return {
    id: p.id,
    createdDateTime: p.createdDateTime,
    lastModifiedDateTime: p.createdDateTime,
    receivedDateTime: p.createdDateTime,
    hasAttachments: false,
    body: p.body,
    from: p.from,
    sender: p.sender,
    newParticipants: p.newParticipants,
  };
}

function createConversation(ctx: RouteContext) {
  const { caller, store, params, request, serviceRoot } = ctx;
  const group = requireConversationAccess(caller, store, params.groupId, 'write');
  const input = parseNewConversation(request.body);
  const now = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
  const first = input.threads[0].posts[0];
  const conversation: StoredConversation = {
    groupId: group.id,
    id: exchangeId('AAQkA'),
    topic: input.topic,
    createdDateTime: now,
    lastDeliveredDateTime: now,
    uniqueSenders: [caller.displayName],
    preview: makePreview(first.body.content, first.body.contentType),
    threads: input.threads.map((t) => ({
      id: exchangeId('AAQkA'),
      topic: input.topic,
      posts: t.posts.map((p) => storePost(p, caller, now)),
    })),
  };
  store.addConversation(conversation);
  // Only what Graph documents for this answer: callers must not come to rely on topic or preview here.
  return json(
    201,
    {
      '@odata.context': `${serviceRoot}/$metadata#groups('${group.id}')/conversations/$entity`,
      id: conversation.id,
      threads: conversation.threads.map((t) => ({ id: t.id })),
    },
    { Location: `${serviceRoot}/groups('${group.id}')/conversations('${conversation.id}')` },
  );
}

function findConversation(ctx: RouteContext): StoredConversation {
  const { params, store } = ctx;
  const found = store.conversationsOf(params.groupId).find((c) => c.id === params.conversationId);
  if (!found)
    throw new GraphError(404, 'ErrorItemNotFound', 'The specified object was not found in the store.');
  return found;
}

function listConversations(ctx: RouteContext) {
  const { query } = ctx.request;
  const group = requireConversationAccess(ctx.caller, ctx.store, ctx.params.groupId, 'read');
  requireSupportedOptions(query);
  const select = queryOption(query, '$select');
  const matches = parseConversationFilter(queryOption(query, '$filter'));
  const offset = decodeSkipToken(queryOption(query, '$skiptoken'), 'BadRequest');
  // Graph promises no order here; oldest first is the order a client assuming "newest first" gets wrong.
  const all = [...ctx.store.conversationsOf(group.id)]
    .filter(matches)
    .sort((a, b) => Date.parse(a.lastDeliveredDateTime) - Date.parse(b.lastDeliveredDateTime));
  const end = offset + CONVERSATION_PAGE_SIZE;
  const body: Record<string, unknown> = {
    '@odata.context': `${ctx.serviceRoot}/$metadata#groups('${group.id}')/conversations${selectSuffix(select)}`,
  };
  if (end < all.length) {
    const next = new URLSearchParams(
      [...query]
        .filter(([key]) => key.toLowerCase() !== '$skiptoken')
        .concat([['$skiptoken', encodeSkipToken(end)]]),
    );
    body['@odata.nextLink'] = `${ctx.serviceRoot}/groups/${group.id}/conversations?${formatQuery(next)}`;
  }
  body.value = all
    .slice(offset, end)
    .map((c) => applySelect(conversationResource(c), select, 'conversation', 'BadRequest'));
  return json(200, body);
}

function getConversation(ctx: RouteContext) {
  const group = requireConversationAccess(ctx.caller, ctx.store, ctx.params.groupId, 'read');
  const conversation = findConversation(ctx);
  return json(200, {
    '@odata.context': `${ctx.serviceRoot}/$metadata#groups('${group.id}')/conversations/$entity`,
    ...conversationResource(conversation),
  });
}

function listThreads(ctx: RouteContext) {
  const group = requireConversationAccess(ctx.caller, ctx.store, ctx.params.groupId, 'read');
  const conversations =
    ctx.params.conversationId === undefined ? ctx.store.conversationsOf(group.id) : [findConversation(ctx)];
  const value = conversations.flatMap((c) => c.threads.map((t) => threadResource(c, t)));
  return json(200, { '@odata.context': `${ctx.serviceRoot}/$metadata#groups('${group.id}')/threads`, value });
}

function findThread(ctx: RouteContext) {
  const found = ctx.store.findThread(ctx.params.groupId, ctx.params.threadId);
  if (
    !found ||
    (ctx.params.conversationId !== undefined && found.conversation.id !== ctx.params.conversationId)
  ) {
    throw new GraphError(404, 'ErrorItemNotFound', 'The specified object was not found in the store.');
  }
  return found;
}

function getThread(ctx: RouteContext) {
  const group = requireConversationAccess(ctx.caller, ctx.store, ctx.params.groupId, 'read');
  const { conversation, thread } = findThread(ctx);
  return json(200, {
    '@odata.context': `${ctx.serviceRoot}/$metadata#groups('${group.id}')/threads/$entity`,
    ...threadResource(conversation, thread),
  });
}

function listPosts(ctx: RouteContext) {
  const group = requireConversationAccess(ctx.caller, ctx.store, ctx.params.groupId, 'read');
  const { thread } = findThread(ctx);
  return json(200, {
    '@odata.context': `${ctx.serviceRoot}/$metadata#groups('${group.id}')/threads('${thread.id}')/posts`,
    value: thread.posts.map(postResource),
  });
}

function reply(ctx: RouteContext) {
  const { caller, store } = ctx;
  requireConversationAccess(caller, store, ctx.params.groupId, 'write');
  const post = parseReply(ctx.request.body);
  const { conversation, thread } = findThread(ctx);
  const now = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
  thread.posts.push(storePost(post, caller, now));
  conversation.lastDeliveredDateTime = now;
  conversation.preview = makePreview(post.body.content, post.body.contentType);
  if (!conversation.uniqueSenders.includes(caller.displayName))
    conversation.uniqueSenders.push(caller.displayName);
  return { status: 202 };
}

const GROUP = ['groups', ':groupId'];
const THREAD = [...GROUP, 'threads', ':threadId'];
const CONVERSATION = [...GROUP, 'conversations', ':conversationId'];

export const conversationRoutes: readonly Route[] = [
  { method: 'POST', pattern: [...GROUP, 'conversations'], handler: createConversation },
  { method: 'GET', pattern: [...GROUP, 'conversations'], handler: listConversations },
  { method: 'GET', pattern: CONVERSATION, handler: getConversation },
  { method: 'GET', pattern: [...CONVERSATION, 'threads'], handler: listThreads },
  { method: 'GET', pattern: [...CONVERSATION, 'threads', ':threadId'], handler: getThread },
  { method: 'GET', pattern: [...CONVERSATION, 'threads', ':threadId', 'posts'], handler: listPosts },
  { method: 'POST', pattern: [...CONVERSATION, 'threads', ':threadId', 'reply'], handler: reply },
  { method: 'GET', pattern: [...GROUP, 'threads'], handler: listThreads },
  { method: 'GET', pattern: THREAD, handler: getThread },
  { method: 'GET', pattern: [...THREAD, 'posts'], handler: listPosts },
  { method: 'POST', pattern: [...THREAD, 'reply'], handler: reply },
];
