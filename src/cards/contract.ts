import { type Static, Type } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';

/**
 * The contract between our cards and the handlers: every verb a card can send and the data each carries,
 * as one schema that gives both the TypeScript type and the runtime check. Everything in an invoke came
 * from a client, so it is checked here before any handler sees it.
 */
export const CARD_VERBS = ['createConversation', 'checkConversation', 'postAnyway', 'newDraft'] as const;
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

export type CardAction =
  | { verb: 'createConversation'; data: DraftSubmitData }
  | { verb: 'checkConversation' | 'postAnyway'; data: DraftRefData }
  | { verb: 'newDraft' };

const VERBS: ReadonlySet<string> = new Set(CARD_VERBS);

export function isCardVerb(value: unknown): value is CardVerb {
  return typeof value === 'string' && VERBS.has(value);
}

/** The action a card sent, or undefined when its verb is not ours or its data has the wrong shape. */
export function readCardAction(verb: unknown, data: unknown): CardAction | undefined {
  if (!isCardVerb(verb)) return undefined;
  if (verb === 'newDraft') return { verb };
  if (verb === 'createConversation') return Value.Check(DraftSubmitSchema, data) ? { verb, data } : undefined;
  return Value.Check(DraftRefSchema, data) ? { verb, data } : undefined;
}

/**
 * Why readCardAction refused an action, naming the field as it appears in the card's data
 * ("participants: Expected string"), for an answer the sender can act on.
 */
export function cardActionProblem(verb: unknown, data: unknown): string | undefined {
  if (!isCardVerb(verb)) return 'verb: not an action of this app';
  if (verb === 'newDraft') return undefined;
  const schema = verb === 'createConversation' ? DraftSubmitSchema : DraftRefSchema;
  const first = Value.Errors(schema, data).First();
  if (!first) return undefined;
  const field = first.path.replace(/^\//, '').replaceAll('/', '.') || 'data';
  return `${field}: ${first.message}`;
}
