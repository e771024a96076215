import type { Message } from '../i18n/catalog';
import type { ParticipantEntry } from './participants';

/** What the form submits, untrusted and possibly partial. Input ids match the card's. */
export interface DraftInput {
  topic?: string;
  body?: string;
  /** People picker value (Entra object ids) or typed addresses, comma/semicolon separated. */
  participants?: string;
  /** Free-text addresses of people the picker cannot find (guests, external contacts). */
  emails?: string;
  groupId?: string;
}

/** A draft that passed validation: safe to send to Graph once its participants are resolved. */
export interface ValidDraft {
  topic: string;
  body: string;
  participants: ParticipantEntry[];
  groupId: string;
}

export type DraftField = 'topic' | 'body' | 'participants' | 'emails' | 'groupId';

/** A problem with one field, as a message value: the surface translates it into the reader's language. */
export interface FieldError {
  field: DraftField;
  message: Message;
}

/** A person as Graph's `newParticipants` wants them. */
export interface Recipient {
  name: string;
  address: string;
}

/** A Microsoft 365 group the user may post to, as the form offers it. */
export interface GroupChoice {
  id: string;
  displayName: string;
}

/** Where the conversation goes: the team's own group, or a choice among the user's groups. */
export type GroupTarget =
  | { kind: 'linked'; id: string; displayName: string }
  | { kind: 'choice'; groups: GroupChoice[] };

/** A draft as its author last submitted it: enough to show the form again without losing a word. */
export interface SubmittedDraft {
  target: GroupTarget;
  values: DraftInput;
}

/** The person whose submit claimed the draft first: the only one whose submits can post it. */
export interface DraftAuthor {
  /** tenant/Entra object id: who they are. */
  userKey: string;
  /** Their Teams user id (MRI), what a card's `refresh.userIds` names. */
  mri: string;
  name: string;
}
