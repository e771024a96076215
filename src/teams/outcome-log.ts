import type { SubmitFailure } from '../conversations/outcome';
import type { LogFields } from '../shared/logger';

/**
 * The log fields of an answered draft or reply: its status and, when Graph refused, Graph's own status,
 * code and request-id (what support asks for). Never the user's text.
 */
export function outcomeLogFields(
  status: string,
  failure: SubmitFailure | undefined,
  unknownRequestId: string | undefined,
): LogFields {
  const graph = failure?.kind === 'graph' ? failure.error : undefined;
  return {
    status,
    failure: failure?.kind,
    graphStatus: graph?.status,
    graphCode: graph?.code,
    requestId: graph?.requestId ?? unknownRequestId,
  };
}
