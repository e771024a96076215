import type { SubmitFailure } from '../conversations/outcome';
import type { GraphFailure } from '../graph/errors';
import {
  busyNotice,
  CONDITIONAL_ACCESS_NOTICE,
  UNREACHABLE_NOTICE,
  unexpectedNotice,
} from './failure-notice';

/**
 * Why a reply or a conversation list failed, in plain words (this file holds these user-facing texts for
 * the later string catalog). Only failures that prove nothing was posted reach the reply form; a reply with
 * an unknown outcome has its own card state.
 */
export function replyNotice(failure: SubmitFailure): string {
  if (failure.kind === 'mailboxBusy')
    return 'Microsoft Graph is busy with other posts to this group right now. Nothing was posted; try again in a moment.';
  if (failure.kind !== 'graph') return 'Nothing was posted; try again.';
  return graphReplyNotice(failure.error);
}

function graphReplyNotice(error: GraphFailure): string {
  switch (error.kind) {
    case 'unauthorized':
      return 'Your Microsoft 365 sign-in has expired. Sign in again, then post your reply again.';
    case 'forbidden':
      if (error.forbiddenReason === 'conditionalAccess') return CONDITIONAL_ACCESS_NOTICE;
      if (error.forbiddenReason === 'missingPermission')
        return 'This app is not allowed to post in group conversations for you yet: a tenant admin must grant admin consent to its Group.ReadWrite.All permission. Nothing was posted.';
      return 'You cannot reply in this group: it is private and you are not a member, or the app lacks consent to post for you. Nothing was posted.';
    case 'notFound':
      return 'This conversation no longer exists, or you cannot see it. Nothing was posted.';
    case 'throttled':
    case 'unavailable':
      return busyNotice(error);
    case 'badRequest':
      return `Microsoft Graph refused the reply (${error.code ?? 'bad request'}). Nothing was posted.`;
    case 'network':
    case 'unreachable':
    case 'timeout':
      return UNREACHABLE_NOTICE;
    case 'unexpected':
      return unexpectedNotice(error);
  }
}

/** Why the list of recent conversations could not be read (a read: nothing was changed either way). */
export function listNotice(error: GraphFailure): string {
  switch (error.kind) {
    case 'forbidden':
      return 'You cannot read the conversations of this group: it is private and you are not a member, or the app lacks consent to read them.';
    case 'notFound':
      return 'That group no longer exists, or you cannot see it.';
    case 'throttled':
    case 'unavailable':
      return `Microsoft Graph is busy right now; try again${
        error.retryAfterSeconds ? ` in ${Math.ceil(error.retryAfterSeconds)} seconds` : ' in a moment'
      }.`;
    case 'unauthorized':
      return 'Your Microsoft 365 sign-in has expired. Sign in again, then try again.';
    default:
      return `Microsoft Graph could not list the conversations (${error.status || error.kind}). Try again in a moment.`;
  }
}
