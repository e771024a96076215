import type { SubmitFailure } from '../conversations/outcome';
import type { FieldError } from '../domain/draft';
import type { GraphFailure } from '../graph/errors';

/**
 * How a failed attempt is explained on the form the user gets back, with their draft still in it. Only
 * failures that prove nothing was posted get here (a read failed, or Graph refused the create); a create
 * with an unknown outcome has its own card.
 */
export interface FailureNotice {
  notice?: string;
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
            message: `"${failure.groupName}" is not a Microsoft 365 group, so it cannot hold conversations. Choose a Microsoft 365 group.`,
          },
        ],
      };
    case 'unknownParticipants':
      return {
        errors: [
          {
            field: 'participants',
            message: `Not found in your directory: ${failure.ids.join(', ')}. Remove them or type their e-mail address.`,
          },
        ],
      };
    case 'mailboxBusy':
      return {
        notice:
          'Microsoft Graph is busy with other posts to this group right now. Nothing was posted; try again in a moment.',
      };
    case 'graph':
      return { notice: graphNotice(failure.error, knownMember), requestId: failure.error.requestId };
  }
}

function graphNotice(error: GraphFailure, knownMember: boolean): string {
  switch (error.kind) {
    case 'unauthorized':
      return 'Your Microsoft 365 sign-in has expired. Sign in again, then press Try again.';
    case 'forbidden':
      return forbiddenNotice(error, knownMember);
    case 'notFound':
      return 'That group no longer exists, or you cannot see it. Choose another group.';
    case 'throttled':
    case 'unavailable':
      return busyNotice(error);
    case 'badRequest':
      return `Microsoft Graph refused the conversation (${error.code ?? 'bad request'}). Check the topic and message, then try again.`;
    case 'network':
    case 'unreachable':
    case 'timeout':
      return UNREACHABLE_NOTICE;
    case 'unexpected':
      return unexpectedNotice(error);
  }
}

/** The texts a create and a reply share: Graph busy, out of reach, or answering oddly; nothing posted. */
export function busyNotice(error: GraphFailure): string {
  return `Microsoft Graph is busy right now. Nothing was posted; try again${
    error.retryAfterSeconds ? ` in ${Math.ceil(error.retryAfterSeconds)} seconds` : ' in a moment'
  }.`;
}

export const UNREACHABLE_NOTICE =
  'Microsoft Graph could not be reached. Nothing was posted; try again in a moment.';

export const CONDITIONAL_ACCESS_NOTICE =
  "Your organisation's Conditional Access policy needs you to sign in again before posting.";

export function unexpectedNotice(error: GraphFailure): string {
  return `Microsoft Graph answered with an unexpected error (${error.status}). Nothing was posted; try again.`;
}

const CONSENT_NOTICE =
  'This app is not allowed to post group conversations for you yet. A tenant admin must grant admin consent ' +
  'to its Group.ReadWrite.All permission (Entra admin center > Enterprise applications > Group Conversations > ' +
  'Permissions > Grant admin consent). Your draft is kept: press Try again once that is done.';

/**
 * No look-up precedes the create (docs/decisions.md #10), so Graph's ErrorAccessDenied on it stands for a
 * missing consent, a private group the user is not in, or a group that cannot hold conversations (security
 * group, distribution list). A known member's group is none of the last two: the form offers only the team's
 * own group (always a Microsoft 365 group) and the Microsoft 365 groups Graph listed as the user's.
 */
function forbiddenNotice(error: GraphFailure, knownMember: boolean): string {
  switch (error.forbiddenReason) {
    case 'accessDenied':
      if (knownMember) return CONSENT_NOTICE;
      return 'You cannot post in this group: it is private and you are not a member, or it is not a Microsoft 365 group (security groups and distribution lists have no conversations). Ask a group owner to add you, or choose another group.';
    case 'missingPermission':
      return CONSENT_NOTICE;
    case 'conditionalAccess':
      return CONDITIONAL_ACCESS_NOTICE;
    case 'unknown':
      return 'Microsoft Graph denied the request. Ask your admin to check your access to this group.';
  }
}
