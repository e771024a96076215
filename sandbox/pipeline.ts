/**
 * One Graph request from raw HTTP pieces to a response: version, token, JSON body, route. Synchronous and
 * free of I/O, so $batch can run its sub-requests through exactly the same steps.
 */
import { randomUUID } from 'node:crypto';
import { callerFromClaims } from './caller';
import { GraphError, graphErrorBody, type RequestIds } from './errors';
import { type FaultSpec, faultError } from './faults';
import { matchRoute } from './router';
import type { BatchSubRequest, GraphRequest, GraphResponse, RouteContext } from './routes/types';
import type { RecordedRequest, SandboxStore } from './store';
import { verifyAuthorizationHeader } from './tokens';

export interface IncomingGraphRequest {
  readonly method: string;
  /** Path and query as received. */
  readonly rawPath: string;
  /** Lower-cased names, unredacted. */
  readonly headers: Readonly<Record<string, string>>;
  readonly rawBody: string;
  /** Scheme and authority the client used to reach the sandbox, for absolute links. */
  readonly origin: string;
  readonly ids: RequestIds;
}

export function errorResponse(error: GraphError, ids: RequestIds): GraphResponse {
  return {
    status: error.status,
    headers: error.headers,
    body: graphErrorBody(error.code, error.message, ids),
  };
}

/**
 * Runs `work` under an injected fault: a status fault answers instead of the work unless it is an `after`
 * fault, which lets the work commit first. A reset fault does the work here; dropping the connection is the
 * server's part.
 */
export function withFault(
  fault: FaultSpec | undefined,
  ids: RequestIds,
  work: () => GraphResponse,
): GraphResponse {
  if (fault === undefined || fault.reset) return work();
  if (!fault.claimsChallenge && fault.after) work();
  return errorResponse(faultError(fault), ids);
}

/** Records keep the fact that a token was sent, never the token itself. */
export function redactHeaders(headers: Readonly<Record<string, string>>): Record<string, string> {
  const copy = { ...headers };
  if (copy.authorization !== undefined)
    copy.authorization = copy.authorization.replace(/^(\S+)\s+.*$/, '$1 [redacted]');
  return copy;
}

function decodeSegments(pathname: string): string[] {
  try {
    return pathname
      .split('/')
      .filter((s) => s !== '')
      .map((s) => decodeURIComponent(s));
  } catch {
    throw new GraphError(400, 'BadRequest', 'The request URL is not correctly encoded.');
  }
}

const INVALID_JSON =
  'Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.';

function parseJsonBody(rawBody: string): unknown {
  if (rawBody.trim() === '') return undefined;
  try {
    return JSON.parse(rawBody);
  } catch {
    throw new GraphError(400, 'BadRequest', INVALID_JSON);
  }
}

/** The body as recorded: parsed when it is JSON, the raw text otherwise. */
export function bodyForRecord(rawBody: string): unknown {
  if (rawBody === '') return undefined;
  try {
    return JSON.parse(rawBody);
  } catch {
    return rawBody;
  }
}

const VERSIONS = new Set(['v1.0', 'beta']);

/** Consumes the next fault meant for a `$batch` sub-request with this url, if any. */
export type BatchItemFaults = (url: string) => FaultSpec | undefined;

export function handleGraphRequest(
  incoming: IncomingGraphRequest,
  store: SandboxStore,
  record: RecordedRequest,
  batchItemFaults: BatchItemFaults = () => undefined,
): GraphResponse {
  try {
    const url = new URL(incoming.rawPath, 'http://sandbox.invalid');
    const [version = '', ...segments] = decodeSegments(url.pathname);
    if (!VERSIONS.has(version.toLowerCase()))
      throw new GraphError(400, 'BadRequest', `Invalid version: ${version}`);
    const verification = verifyAuthorizationHeader(incoming.headers.authorization, store.tenant.tenantId);
    if (!verification.ok) throw new GraphError(401, 'InvalidAuthenticationToken', verification.message);
    const caller = callerFromClaims(verification.claims, store);
    record.callerId = caller.id;
    const request: GraphRequest = {
      method: incoming.method,
      segments,
      query: url.searchParams,
      headers: incoming.headers,
      body: parseJsonBody(incoming.rawBody),
    };
    const base: Omit<RouteContext, 'request' | 'params'> = {
      caller,
      store,
      serviceRoot: `${incoming.origin}/${version}`,
      dispatchSubRequest: (item, failure) =>
        dispatchSubRequest(item, failure, base, incoming, version, batchItemFaults),
    };
    return runRoute(request, base, incoming.ids);
  } catch (error) {
    if (error instanceof GraphError) return errorResponse(error, incoming.ids);
    throw error;
  }
}

function runRoute(
  request: GraphRequest,
  base: Omit<RouteContext, 'request' | 'params'>,
  ids: RequestIds,
): GraphResponse {
  try {
    const { route, params } = matchRoute(request.method, request.segments);
    return route.handler({ ...base, request, params });
  } catch (error) {
    if (error instanceof GraphError) return errorResponse(error, ids);
    throw error;
  }
}

function dispatchSubRequest(
  item: BatchSubRequest,
  failure: GraphError | undefined,
  base: Omit<RouteContext, 'request' | 'params'>,
  outer: IncomingGraphRequest,
  version: string,
  batchItemFaults: BatchItemFaults,
): GraphResponse {
  const relative = item.url.startsWith('/') ? item.url : `/${item.url}`;
  const ids: RequestIds = {
    requestId: randomUUID(),
    clientRequestId: item.headers['client-request-id'] ?? randomUUID(),
  };
  // Sub-requests carry the outer request's token: Graph authenticates the batch once.
  const headers = { ...item.headers, authorization: outer.headers.authorization ?? '' };
  const record: RecordedRequest = {
    method: item.method,
    path: `/${version}${relative}`,
    headers: redactHeaders(item.headers),
    body: item.body,
    viaBatch: true,
    status: 0,
    callerId: base.caller.id,
  };
  base.store.requests.push(record);
  // A sub-request that never runs (failed dependency) cannot be throttled, so it leaves the fault queued.
  const fault = failure ? undefined : batchItemFaults(item.url);
  const response = withFault(fault, ids, (): GraphResponse => {
    if (failure) return errorResponse(failure, ids);
    if (/^[a-z][a-z0-9+.-]*:/i.test(item.url)) {
      return errorResponse(
        new GraphError(400, 'BadRequest', 'Batch request urls must be relative to the version root.'),
        ids,
      );
    }
    if (item.body !== undefined && item.headers['content-type'] === undefined) {
      return errorResponse(
        new GraphError(
          400,
          'BadRequest',
          'A Content-Type header is required for batch requests with a body.',
        ),
        ids,
      );
    }
    const url = new URL(relative, 'http://sandbox.invalid');
    try {
      const segments = decodeSegments(url.pathname);
      if (segments[0]?.toLowerCase() === '$batch') {
        throw new GraphError(400, 'BadRequest', 'Nested batch requests are not supported.');
      }
      const request: GraphRequest = {
        method: item.method,
        segments,
        query: url.searchParams,
        headers,
        body: item.body,
      };
      return runRoute(request, base, ids);
    } catch (error) {
      if (error instanceof GraphError) return errorResponse(error, ids);
      throw error;
    }
  });
  record.status = response.status;
  const responseHeaders: Record<string, string> = { ...response.headers };
  if (response.body !== undefined) responseHeaders['Content-Type'] = 'application/json';
  return { ...response, headers: responseHeaders };
}
