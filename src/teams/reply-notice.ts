import type { SubmitFailure } from '../conversations/outcome';
import type { GraphFailure } from '../graph/errors';
import type { Message } from '../i18n/catalog';
import {
  busyNotice,
  CONDITIONAL_ACCESS_NOTICE,
  errorCode,
  UNREACHABLE_NOTICE,
  unexpectedNotice,
} from './failure-notice';

/**
 * Why a reply or a conversation list failed, as a message value the card translates for its reader. Only
 * failures that prove nothing was posted reach the reply form; a reply with an unknown outcome has its own
 * card state.
 */
export function replyNotice(failure: SubmitFailure): Message {
  if (failure.kind === 'mailboxBusy') return { key: 'messages.failure.mailboxBusy' };
  if (failure.kind !== 'graph') return { key: 'messages.replyFailure.nothingPosted' };
  return graphReplyNotice(failure.error);
}

function graphReplyNotice(error: GraphFailure): Message {
  switch (error.kind) {
    case 'unauthorized':
      return { key: 'messages.replyFailure.signInExpired' };
    case 'forbidden':
      if (error.forbiddenReason === 'conditionalAccess') return CONDITIONAL_ACCESS_NOTICE;
      if (error.forbiddenReason === 'missingPermission') return { key: 'messages.replyFailure.consent' };
      return { key: 'messages.replyFailure.forbidden' };
    case 'notFound':
      return { key: 'messages.replyFailure.notFound' };
    case 'throttled':
    case 'unavailable':
      return busyNotice(error);
    case 'badRequest':
      return { key: 'messages.replyFailure.badRequest', params: { code: errorCode(error) } };
    case 'network':
    case 'unreachable':
    case 'timeout':
      return UNREACHABLE_NOTICE;
    case 'unexpected':
      return unexpectedNotice(error);
  }
}

/** Why the list of recent conversations could not be read (a read: nothing was changed either way). */
export function listNotice(error: GraphFailure): Message {
  switch (error.kind) {
    case 'forbidden':
      return { key: 'messages.listFailure.forbidden' };
    case 'notFound':
      return { key: 'messages.listFailure.notFound' };
    case 'throttled':
    case 'unavailable':
      return error.retryAfterSeconds
        ? { key: 'messages.listFailure.busyFor', params: { count: Math.ceil(error.retryAfterSeconds) } }
        : { key: 'messages.listFailure.busy' };
    case 'unauthorized':
      return { key: 'messages.listFailure.signInExpired' };
    default:
      return { key: 'messages.listFailure.failed', params: { status: error.status || error.kind } };
  }
}
