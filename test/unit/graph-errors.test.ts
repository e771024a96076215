import { GraphError } from '@microsoft/microsoft-graph-client';
import { GraphErrorHandler } from '@microsoft/microsoft-graph-client/lib/src/GraphErrorHandler';
import { GraphFailure, kindForStatus, parseRetryAfter, toGraphFailure } from '../../src/graph/errors';

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

describe('GraphFailure.isTransient: only throttling and unavailability may be retried', () => {
  test.each([
    [429, true],
    [502, true],
    [503, true],
    [504, true],
    [400, false],
    [401, false],
    [403, false],
    [404, false],
    [409, false],
    [500, false],
  ])('status %i → %s', (status, transient) => {
    expect(new GraphFailure(kindForStatus(status), status, undefined, undefined).isTransient).toBe(transient);
  });

  test('a network failure (status -1 from the SDK) is kind "network" and not transient', () => {
    const failure = toGraphFailure(new GraphError(-1, 'fetch failed'));
    expect(failure.kind).toBe('network');
    expect(failure.isTransient).toBe(false);
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
