import type { SubmitFailure } from '../conversations/outcome';
import type { FieldError } from '../domain/draft';
import type { GraphFailure } from '../graph/errors';
import type { Message } from '../i18n/catalog';

/**
 * How a failed attempt is explained on the form the user gets back, with their draft still in it. Only
 * failures that prove nothing was posted get here (a read failed, or Graph refused the create); a create
 * with an unknown outcome has its own card. Messages are values: the card translates them for its reader.
 */
export interface FailureNotice {
  notice?: Message;
  errors?: FieldError[];
  requestId?: string;
}

export function noticeFor(failure: SubmitFailure, knownMember = false): FailureNotice {
  switch (failure.kind) {
    case 'notUnified':
      return {
        errors: [
          {
            field: 'groupId',
            message: { key: 'messages.failure.notUnified', params: { group: failure.groupName } },
          },
        ],
      };
    case 'unknownParticipants':
      return {
        errors: [
          {
            field: 'participants',
            message: { key: 'messages.failure.unknownParticipants', params: { ids: failure.ids.join(', ') } },
          },
        ],
      };
    case 'mailboxBusy':
      return { notice: { key: 'messages.failure.mailboxBusy' } };
    case 'graph':
      return { notice: graphNotice(failure.error, knownMember), requestId: failure.error.requestId };
  }
}

function graphNotice(error: GraphFailure, knownMember: boolean): Message {
  switch (error.kind) {
    case 'unauthorized':
      return { key: 'messages.failure.signInExpired' };
    case 'forbidden':
      return forbiddenNotice(error, knownMember);
    case 'notFound':
      return { key: 'messages.failure.groupNotFound' };
    case 'throttled':
    case 'unavailable':
      return busyNotice(error);
    case 'badRequest':
      return { key: 'messages.failure.badRequest', params: { code: errorCode(error) } };
    case 'network':
    case 'unreachable':
    case 'timeout':
      return UNREACHABLE_NOTICE;
    case 'unexpected':
      return unexpectedNotice(error);
  }
}

/** The texts a create and a reply share: Graph busy, out of reach, or answering oddly; nothing posted. */
export function busyNotice(error: GraphFailure): Message {
  return error.retryAfterSeconds
    ? { key: 'messages.failure.busyFor', params: { count: Math.ceil(error.retryAfterSeconds) } }
    : { key: 'messages.failure.busy' };
}

export const UNREACHABLE_NOTICE: Message = { key: 'messages.failure.unreachable' };

export const CONDITIONAL_ACCESS_NOTICE: Message = { key: 'messages.failure.conditionalAccess' };

export function unexpectedNotice(error: GraphFailure): Message {
  return { key: 'messages.failure.unexpected', params: { status: error.status } };
}

/** Graph's error code as the user can quote it to an admin; the status when Graph sent no code. */
export function errorCode(error: GraphFailure): string {
  return error.code ?? String(error.status);
}

const CONSENT_NOTICE: Message = { key: 'messages.failure.consent' };

/**
 * No look-up precedes the create (docs/decisions.md #10), so Graph's ErrorAccessDenied on it stands for a
 * missing consent, a private group the user is not in, or a group that cannot hold conversations (security
 * group, distribution list). A known member's group is none of the last two: the form offers only the team's
 * own group (always a Microsoft 365 group) and the Microsoft 365 groups Graph listed as the user's.
 */
function forbiddenNotice(error: GraphFailure, knownMember: boolean): Message {
  switch (error.forbiddenReason) {
    case 'accessDenied':
      return knownMember ? CONSENT_NOTICE : { key: 'messages.failure.notMember' };
    case 'missingPermission':
      return CONSENT_NOTICE;
    case 'conditionalAccess':
      return CONDITIONAL_ACCESS_NOTICE;
    case 'unknown':
      return { key: 'messages.failure.denied' };
  }
}
