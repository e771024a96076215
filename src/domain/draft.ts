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

export interface FieldError {
  field: DraftField;
  message: string;
}

/** A person as Graph's `newParticipants` wants them. */
export interface Recipient {
  name: string;
  address: string;
}
