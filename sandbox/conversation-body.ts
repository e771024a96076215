/**
 * Strict validation of create-conversation and reply bodies, so a caller's malformed payload fails here
 * with a precise message instead of first failing against the real Graph.
 */
import { GraphError } from './errors';
import type { PostBody, Recipient } from './store';

export interface NewPost {
  readonly body: PostBody;
  readonly newParticipants: Recipient[];
  readonly from?: Recipient;
}

export interface NewConversation {
  readonly topic: string;
  readonly threads: { readonly posts: NewPost[] }[];
}

const invalid = (message: string): GraphError => new GraphError(400, 'ErrorInvalidRequest', message);

type JsonObject = Record<string, unknown>;

const isObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Like OData, reject properties the type does not have: a misspelt `subjet` must not pass silently. */
function requireObject(value: unknown, where: string, type: string, allowed: readonly string[]): JsonObject {
  if (!isObject(value)) throw invalid(`${where} must be a JSON object.`);
  for (const key of Object.keys(value)) {
    if (!key.startsWith('@odata.') && !allowed.includes(key)) {
      throw new GraphError(
        400,
        'BadRequest',
        `The property '${key}' does not exist on type 'microsoft.graph.${type}' (at ${where}). Make sure to only use property names that are defined by the type.`,
      );
    }
  }
  return value;
}

// Deliberately simple: one @, no spaces, a dot in the domain. Enough to catch names or ids passed as addresses.
const EMAIL = /^[^\s@<>()",;]+@[^\s@<>()",;]+\.[^\s@<>()",;]+$/;

function parseRecipient(value: unknown, where: string): Recipient {
  const recipient = requireObject(value, where, 'recipient', ['emailAddress']);
  const email = requireObject(recipient.emailAddress, `${where}.emailAddress`, 'emailAddress', [
    'address',
    'name',
  ]);
  const { address, name } = email;
  if (typeof address !== 'string' || !EMAIL.test(address)) {
    throw invalid(
      `${where}.emailAddress.address must be a valid e-mail address, got ${JSON.stringify(address)}.`,
    );
  }
  if (name !== undefined && name !== null && typeof name !== 'string') {
    throw invalid(`${where}.emailAddress.name must be a string when given.`);
  }
  return { emailAddress: typeof name === 'string' ? { address, name } : { address } };
}

function parseBody(value: unknown, where: string): PostBody {
  const body = requireObject(value, where, 'itemBody', ['contentType', 'content']);
  const { contentType, content } = body;
  // Graph parses enum values case-insensitively; store them the way it returns them.
  const type = typeof contentType === 'string' ? contentType.toLowerCase() : undefined;
  if (type !== 'html' && type !== 'text') {
    throw invalid(`${where}.contentType must be 'html' or 'text', got ${JSON.stringify(contentType)}.`);
  }
  if (typeof content !== 'string') throw invalid(`${where}.content must be a string.`);
  return { contentType: type, content };
}

export function parsePost(value: unknown, where: string): NewPost {
  const post = requireObject(value, where, 'post', ['body', 'newParticipants', 'from', 'sender']);
  if (post.body === undefined) throw invalid(`${where}.body is required.`);
  const body = parseBody(post.body, `${where}.body`);
  const participants = post.newParticipants;
  if (participants !== undefined && participants !== null && !Array.isArray(participants)) {
    throw invalid(`${where}.newParticipants must be an array of recipients.`);
  }
  const newParticipants = (participants ?? []).map((p: unknown, i: number) =>
    parseRecipient(p, `${where}.newParticipants[${i}]`),
  );
  const from =
    post.from === undefined || post.from === null ? undefined : parseRecipient(post.from, `${where}.from`);
  return { body, newParticipants, from };
}

export function parseNewConversation(value: unknown): NewConversation {
  const conversation = requireObject(value, 'conversation', 'conversation', ['topic', 'threads']);
  const { topic, threads } = conversation;
  if (typeof topic !== 'string' || topic.trim() === '')
    throw invalid('topic is required and must be a non-empty string.');
  if (!Array.isArray(threads) || threads.length === 0) {
    throw invalid('threads is required and must contain one conversationThread with at least one post.');
  }
  return {
    topic,
    threads: threads.map((t: unknown, i: number) => {
      const thread = requireObject(t, `threads[${i}]`, 'conversationThread', ['posts', 'topic']);
      if (!Array.isArray(thread.posts) || thread.posts.length === 0) {
        throw invalid(`threads[${i}].posts is required and must contain at least one post.`);
      }
      return {
        posts: thread.posts.map((p: unknown, j: number) => parsePost(p, `threads[${i}].posts[${j}]`)),
      };
    }),
  };
}

export function parseReply(value: unknown): NewPost {
  const reply = requireObject(value, 'request body', 'reply', ['post']);
  if (reply.post === undefined) throw invalid('post is required.');
  return parsePost(reply.post, 'post');
}
