import { GraphError } from '@microsoft/microsoft-graph-client';
import { GraphErrorHandler } from '@microsoft/microsoft-graph-client/lib/src/GraphErrorHandler';
import {
  GraphFailure,
  isClaimsChallenge,
  kindForStatus,
  parseRetryAfter,
  toGraphFailure,
} from '../../src/graph/errors';
import { GraphTransportError } from '../../src/graph/transport';

/** A GraphError built by the SDK itself from Graph's error body and the raw response, as a failed call throws. */
async function sdkError(
  status: number,
  code: string,
  headers: Record<string, string> = {},
  requestId = 'd0c2a9e4-7c1f-4a5e-9d2b-6f3e8a1b2c3d',
): Promise<GraphError> {
  const body = {
    error: {
      code,
      message: 'Human-readable text that must never be parsed.',
      innerError: { 'request-id': requestId, 'client-request-id': requestId, date: '2025-05-01T10:00:00' },
    },
  };
  const response = new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json', ...headers },
  });
  return GraphErrorHandler.getError(body, status, undefined, response);
}

describe('toGraphFailure', () => {
  test('keeps status, code and request-id of a real SDK error', async () => {
    const error = await sdkError(403, 'ErrorAccessDenied');
    expect(error).toBeInstanceOf(GraphError);
    const failure = toGraphFailure(error);
    expect(failure).toBeInstanceOf(GraphFailure);
    expect(failure).toMatchObject({
      kind: 'forbidden',
      status: 403,
      code: 'ErrorAccessDenied',
      requestId: 'd0c2a9e4-7c1f-4a5e-9d2b-6f3e8a1b2c3d',
      retryAfterSeconds: undefined,
    });
    expect(failure.message).toBe('Graph forbidden (403 ErrorAccessDenied)');
  });

  test('reads Retry-After in seconds from the response headers', async () => {
    const failure = toGraphFailure(await sdkError(429, 'TooManyRequests', { 'Retry-After': '7' }));
    expect(failure).toMatchObject({ kind: 'throttled', status: 429, retryAfterSeconds: 7 });
  });

  test('reads Retry-After given as an HTTP date', async () => {
    const inTenSeconds = new Date(Date.now() + 10_000).toUTCString();
    const failure = toGraphFailure(
      await sdkError(503, 'ServiceUnavailable', { 'Retry-After': inTenSeconds }),
    );
    expect(failure.kind).toBe('unavailable');
    // HTTP dates have whole-second precision; allow the clock to move during the test.
    expect(failure.retryAfterSeconds).toBeGreaterThanOrEqual(8);
    expect(failure.retryAfterSeconds).toBeLessThanOrEqual(10);
  });

  test('falls back to the request-id response header when the body has none', async () => {
    const body = { error: { code: 'ServiceUnavailable', message: 'x' } };
    const response = new Response('', { status: 504, headers: { 'request-id': 'from-header' } });
    const failure = toGraphFailure(await GraphErrorHandler.getError(body, 504, undefined, response));
    expect(failure).toMatchObject({ kind: 'unavailable', status: 504, requestId: 'from-header' });
  });

  test('a GraphFailure passes through unchanged', () => {
    const failure = new GraphFailure('notFound', 404, 'ErrorItemNotFound', 'r');
    expect(toGraphFailure(failure)).toBe(failure);
  });

  test('anything that is not a Graph error is rethrown untouched', () => {
    const bug = new TypeError('cannot read properties of undefined');
    expect(() => toGraphFailure(bug)).toThrow(bug);
    expect(() => toGraphFailure('text')).toThrow('text');
  });
});

describe('GraphFailure.forbiddenReason comes from the error code, never the message', () => {
  test.each([
    ['ErrorAccessDenied', 'accessDenied'],
    ['insufficient_claims', 'conditionalAccess'],
    ['Authorization_RequestDenied', 'missingPermission'],
    ['Forbidden', 'missingPermission'],
    ['SomethingNew', 'unknown'],
  ])('%s → %s', async (code, reason) => {
    expect(toGraphFailure(await sdkError(403, code)).forbiddenReason).toBe(reason);
  });

  test('no code at all → unknown', () => {
    expect(new GraphFailure('forbidden', 403, undefined, undefined).forbiddenReason).toBe('unknown');
  });
});

describe('GraphFailure.nothingDone: only what Graph promises did nothing', () => {
  test.each([
    [400, undefined, true],
    [401, undefined, true],
    [403, undefined, true],
    [404, undefined, true],
    [429, undefined, true],
    [429, 5, true],
    [503, 5, true],
    [503, undefined, false],
    [502, undefined, false],
    [504, 5, false],
    [500, undefined, false],
  ])('status %i with Retry-After %p → %s', (status, retryAfter, nothingDone) => {
    expect(
      new GraphFailure(kindForStatus(status), status, undefined, undefined, retryAfter).nothingDone,
    ).toBe(nothingDone);
  });

  test('a dropped connection or a timeout leaves the outcome unknown; a refused connection did nothing', () => {
    expect(toGraphFailure(new GraphError(-1, 'fetch failed'))).toMatchObject({
      kind: 'network',
      nothingDone: false,
    });
    expect(toGraphFailure(new GraphTransportError('timeout'))).toMatchObject({
      kind: 'timeout',
      nothingDone: false,
    });
    expect(toGraphFailure(new GraphTransportError('dropped'))).toMatchObject({
      kind: 'network',
      nothingDone: false,
    });
    expect(toGraphFailure(new GraphTransportError('refused'))).toMatchObject({
      kind: 'unreachable',
      nothingDone: true,
    });
  });

  test('a 401 with a claims challenge in WWW-Authenticate is Conditional Access, not an expired token', () => {
    const error = new GraphError(401, 'Continuous access evaluation resulted in challenge');
    error.code = 'InvalidAuthenticationToken';
    error.headers = new Headers({
      'WWW-Authenticate':
        'Bearer realm="", authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize", client_id="00000003-0000-0000-c000-000000000000", error="insufficient_claims", claims="eyJhY2Nlc3NfdG9rZW4iOnt9fQ=="',
    });
    expect(toGraphFailure(error)).toMatchObject({ kind: 'unauthorized', claimsChallenge: true });
    expect(toGraphFailure(error).forbiddenReason).toBe('conditionalAccess');
    expect(isClaimsChallenge('Bearer realm="", error="invalid_token"')).toBe(false);
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2025-05-01T10:00:00Z');
  test.each([
    ['0', 0],
    ['120', 120],
    [' 5 ', 5],
    ['-3', 0],
    ['Thu, 01 May 2025 10:00:30 GMT', 30],
    ['Thu, 01 May 2025 09:59:00 GMT', 0],
  ])('%p → %p seconds', (value, seconds) => {
    expect(parseRetryAfter(value, now)).toBe(seconds);
  });

  test.each([null, '', '  ', 'soon'])('%p → undefined (no usable hint)', (value) => {
    expect(parseRetryAfter(value, now)).toBeUndefined();
  });
});
