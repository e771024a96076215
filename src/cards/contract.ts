import { type Static, type TSchema, Type } from '@sinclair/typebox';
import { compileAll } from '../shared/compiled-schemas';

/**
 * The contract between our cards and the handlers: every verb a card can send and the data each carries,
 * as one schema that gives both the TypeScript type and the runtime check. Everything in an invoke came
 * from a client, so it is checked here before any handler sees it.
 */
export const CARD_VERBS = [
  'createConversation',
  'checkConversation',
  'postAnyway',
  'newDraft',
  'postReply',
  'checkReply',
  'replyAnyway',
  'openReply',
  'recentConversations',
] as const;
export type CardVerb = (typeof CARD_VERBS)[number];

const DRAFT_ID = '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$';
/** Entra object ids are GUIDs (the sandbox's too); anything else, such as ".." in a URL path, is refused. */
const GROUP_ID = DRAFT_ID;

const GroupChoiceSchema = Type.Object({
  id: Type.String({ pattern: GROUP_ID }),
  displayName: Type.String({ maxLength: 256 }),
});

/** What the form's button sends: its own data merged with the inputs (Teams adds an input's value by id). */
export const DraftSubmitSchema = Type.Object({
  draftId: Type.String({ pattern: DRAFT_ID }),
  linkedGroupId: Type.Optional(Type.Union([Type.Literal(''), Type.String({ pattern: GROUP_ID })])),
  linkedGroupName: Type.Optional(Type.String({ maxLength: 256 })),
  groupChoices: Type.Optional(Type.Array(GroupChoiceSchema, { maxItems: 100 })),
  groupId: Type.Optional(Type.Union([Type.Literal(''), Type.String({ pattern: GROUP_ID })])),
  topic: Type.Optional(Type.String()),
  body: Type.Optional(Type.String()),
  participants: Type.Optional(Type.String()),
  emails: Type.Optional(Type.String()),
});
export type DraftSubmitData = Static<typeof DraftSubmitSchema>;

/** Cards about a submitted draft carry only its id: the draft itself is kept on the server. */
export const DraftRefSchema = Type.Object({ draftId: Type.String({ pattern: DRAFT_ID }) });
export type DraftRefData = Static<typeof DraftRefSchema>;

/**
 * Exchange ids (conversations, threads) are opaque base64-like strings. They go into URL paths (encoded), so
 * only their alphabet is accepted: "..", "?" or "#" from a hand-made payload never reach Graph.
 */
const EXCHANGE_ID = '^[A-Za-z0-9+/=_-]{1,512}$';

/** A group conversation as a card names it: enough to reply to it and to show what it is. */
export const ConversationRefSchema = Type.Object({
  groupId: Type.String({ pattern: GROUP_ID }),
  groupName: Type.String({ maxLength: 256 }),
  conversationId: Type.String({ pattern: EXCHANGE_ID }),
  /** Empty when the card did not know it (a reconciled create, a listed conversation): looked up then. */
  threadId: Type.Union([Type.Literal(''), Type.String({ pattern: EXCHANGE_ID })]),
  topic: Type.String({ maxLength: 512 }),
  /** The confirmation card this reply started from, so the answer can be that card again. */
  draftId: Type.Optional(Type.Union([Type.Literal(''), Type.String({ pattern: DRAFT_ID })])),
});
export type ConversationRefData = Static<typeof ConversationRefSchema>;

/** What a reply form's button sends: the conversation, the reply draft's id and the typed message. */
export const ReplySubmitSchema = Type.Object({
  ...ConversationRefSchema.properties,
  replyDraftId: Type.String({ pattern: DRAFT_ID }),
  replyText: Type.Optional(Type.String()),
});
export type ReplySubmitData = Static<typeof ReplySubmitSchema>;

/** "Recent conversations": no group (the team's or a choice), or the group picked from the choice. */
export const RecentRequestSchema = Type.Object({
  groupId: Type.Optional(Type.Union([Type.Literal(''), Type.String({ pattern: GROUP_ID })])),
  groupName: Type.Optional(Type.String({ maxLength: 256 })),
  groupChoices: Type.Optional(Type.Array(GroupChoiceSchema, { maxItems: 100 })),
});
export type RecentRequestData = Static<typeof RecentRequestSchema>;

export type CardAction =
  | { verb: 'createConversation'; data: DraftSubmitData }
  | { verb: 'checkConversation' | 'postAnyway'; data: DraftRefData }
  | { verb: 'newDraft' }
  | { verb: 'postReply' | 'checkReply' | 'replyAnyway'; data: ReplySubmitData }
  | { verb: 'openReply'; data: ConversationRefData }
  | { verb: 'recentConversations'; data: RecentRequestData };

/** The data schema of each verb that carries data (`newDraft` carries none), compiled once. */
const SCHEMAS = compileAll(
  new Map<CardVerb, TSchema>([
    ['createConversation', DraftSubmitSchema],
    ['checkConversation', DraftRefSchema],
    ['postAnyway', DraftRefSchema],
    ['postReply', ReplySubmitSchema],
    ['checkReply', ReplySubmitSchema],
    ['replyAnyway', ReplySubmitSchema],
    ['openReply', ConversationRefSchema],
    ['recentConversations', RecentRequestSchema],
  ]),
);

const VERBS: ReadonlySet<string> = new Set(CARD_VERBS);

export function isCardVerb(value: unknown): value is CardVerb {
  return typeof value === 'string' && VERBS.has(value);
}

/** The action a card sent, or undefined when its verb is not ours or its data has the wrong shape. */
export function readCardAction(verb: unknown, data: unknown): CardAction | undefined {
  if (!isCardVerb(verb)) return undefined;
  if (verb === 'newDraft') return { verb };
  const schema = SCHEMAS.get(verb);
  if (!schema?.Check(data)) return undefined;
  // The schema for this verb was checked just above, so the pair is one of CardAction's members.
  return { verb, data } as CardAction;
}

/**
 * Why readCardAction refused an action, naming the field as it appears in the card's data
 * ("participants: Expected string"), for an answer the sender can act on.
 */
export function cardActionProblem(verb: unknown, data: unknown): string | undefined {
  // i18n-exempt: a contract diagnostic ("field: problem", typebox's English), quoted inside a translated refusal.
  if (!isCardVerb(verb)) return 'verb: not an action of this app';
  if (verb === 'newDraft') return undefined;
  const schema = SCHEMAS.get(verb);
  if (!schema) return undefined;
  const first = schema.Errors(data).First();
  if (!first) return undefined;
  const field = first.path.replace(/^\//, '').replaceAll('/', '.') || 'data';
  return `${field}: ${first.message}`;
}
