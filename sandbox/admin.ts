/**
 * Unauthenticated control endpoints under /_sandbox, for the browser demo (a person making Graph fail) and
 * for tests in other processes. CORS is open because the demo page is served from another origin and the
 * worst a foreign page can do here is reset a local fake.
 */
import { type FaultSpec, type LatencyRule, type PendingFault, parseFault } from './faults';
import type { GraphResponse } from './routes/types';
import type { RecordedRequest, StoredConversation } from './store';

export interface SandboxControls {
  failNext(count: number, fault: FaultSpec): void;
  clearFaults(): void;
  pendingFaults(): PendingFault[];
  setLatency(ms: number, path?: string): void;
  latencyRules(): LatencyRule[];
  conversations(groupId?: string): StoredConversation[];
  readonly requests: readonly RecordedRequest[];
  reset(): void;
}

export const ADMIN_PREFIX = '/_sandbox';

export const CORS_HEADERS: Readonly<Record<string, string>> = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Methods': 'GET, POST, DELETE, OPTIONS',
  'Access-Control-Allow-Headers': 'Content-Type',
};

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const adminError = (status: number, message: string): GraphResponse => ({
  status,
  body: { error: { code: status === 404 ? 'NotFound' : 'BadRequest', message } },
});

const optional = <T>(value: unknown, check: (v: unknown) => v is T, name: string): T | undefined => {
  if (value === undefined || value === null) return undefined;
  if (!check(value)) throw new RangeError(`${name} has the wrong type`);
  return value;
};
const isNumber = (v: unknown): v is number => typeof v === 'number';
const isString = (v: unknown): v is string => typeof v === 'string';

const FAULT_BODY =
  'Expected {count, status?, code?, retryAfterSeconds?, path?, after?, reset?, batchItem?, claimsChallenge?}.';

/** The body is a FaultSpec plus `count`; parseFault rejects what failNext would (RangeError → 400). */
function addFault(controls: SandboxControls, body: unknown): GraphResponse {
  if (!isObject(body)) return adminError(400, FAULT_BODY);
  const { count, ...fault } = body;
  if (!isNumber(count)) return adminError(400, `count must be a number. ${FAULT_BODY}`);
  controls.failNext(count, parseFault(fault));
  return { status: 200, body: { faults: controls.pendingFaults() } };
}

function setLatency(controls: SandboxControls, body: unknown): GraphResponse {
  if (!isObject(body) || !isNumber(body.ms)) return adminError(400, 'Expected {ms, path?}.');
  controls.setLatency(body.ms, optional(body.path, isString, 'path'));
  return { status: 200, body: { latency: controls.latencyRules() } };
}

export function handleAdminRequest(
  controls: SandboxControls,
  method: string,
  url: URL,
  body: unknown,
): GraphResponse {
  const route = `${method} ${url.pathname.slice(ADMIN_PREFIX.length).replace(/\/$/, '')}`;
  try {
    switch (route) {
      case 'GET /health':
        return { status: 200, body: { status: 'ok' } };
      case 'POST /faults':
        return addFault(controls, body);
      case 'GET /faults':
        return { status: 200, body: { faults: controls.pendingFaults() } };
      case 'DELETE /faults':
        controls.clearFaults();
        return { status: 204 };
      case 'POST /latency':
        return setLatency(controls, body);
      case 'GET /latency':
        return { status: 200, body: { latency: controls.latencyRules() } };
      case 'GET /conversations':
        return {
          status: 200,
          body: { value: controls.conversations(url.searchParams.get('groupId') ?? undefined) },
        };
      case 'GET /requests':
        return { status: 200, body: { value: controls.requests } };
      case 'POST /reset':
        controls.reset();
        return { status: 204 };
      default:
        return adminError(404, `No sandbox admin endpoint ${route}.`);
    }
  } catch (error) {
    if (error instanceof RangeError) return adminError(400, error.message);
    throw error;
  }
}
