/** JSON batching: validates the envelope, then runs each sub-request through the ordinary routes. */
import { GraphError } from '../errors';
import { json, type Route, type RouteContext } from './types';

export const MAX_BATCH_REQUESTS = 20;

export interface BatchItem {
  readonly id: string;
  readonly method: string;
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: unknown;
  readonly dependsOn: readonly string[];
}

const bad = (message: string): GraphError => new GraphError(400, 'BadRequest', message);

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function parseItem(value: unknown, index: number): BatchItem {
  if (!isObject(value)) throw bad(`Invalid batch payload format: requests[${index}] must be an object.`);
  const { id, method, url, headers, body, dependsOn } = value;
  if (typeof id !== 'string' || id === '')
    throw bad(`Invalid batch payload format: requests[${index}].id is required.`);
  if (typeof method !== 'string' || method === '')
    throw bad(`Invalid batch payload format: request '${id}' has no method.`);
  if (typeof url !== 'string' || url === '')
    throw bad(`Invalid batch payload format: request '${id}' has no url.`);
  if (
    headers !== undefined &&
    !(isObject(headers) && Object.values(headers).every((h) => typeof h === 'string'))
  ) {
    throw bad(`Invalid batch payload format: headers of request '${id}' must be an object of strings.`);
  }
  if (
    dependsOn !== undefined &&
    !(Array.isArray(dependsOn) && dependsOn.every((d) => typeof d === 'string'))
  ) {
    throw bad(`Invalid batch payload format: dependsOn of request '${id}' must be an array of ids.`);
  }
  const lowerHeaders: Record<string, string> = {};
  for (const [name, v] of Object.entries(headers ?? {})) lowerHeaders[name.toLowerCase()] = String(v);
  return { id, method: method.toUpperCase(), url, headers: lowerHeaders, body, dependsOn: dependsOn ?? [] };
}

export function parseBatch(body: unknown): BatchItem[] {
  if (!isObject(body) || !Array.isArray(body.requests)) {
    throw bad('Invalid batch payload format: expected {"requests": [...]}.');
  }
  if (body.requests.length === 0) throw bad('Invalid batch payload format: requests must not be empty.');
  if (body.requests.length > MAX_BATCH_REQUESTS) {
    throw bad(
      `The number of requests in the batch (${body.requests.length}) exceeds the limit of ${MAX_BATCH_REQUESTS}.`,
    );
  }
  const items = body.requests.map(parseItem);
  const seen = new Set<string>();
  for (const item of items) {
    if (seen.has(item.id)) throw bad(`Batch request contains duplicate id '${item.id}'. Ids must be unique.`);
    seen.add(item.id);
  }
  for (const item of items) {
    const unknown = item.dependsOn.find((d) => !seen.has(d));
    if (unknown !== undefined) throw bad(`Request '${item.id}' depends on unknown request id '${unknown}'.`);
  }
  return items;
}

function batch(ctx: RouteContext) {
  const items = parseBatch(ctx.request.body);
  const statusById = new Map<string, number>();
  // Sequential, in the order given: that satisfies any dependsOn order and keeps recordings predictable.
  const responses = items.map((item) => {
    const failedDependency = item.dependsOn.some((d) => (statusById.get(d) ?? 424) >= 400);
    const response = failedDependency
      ? ctx.dispatchSubRequest(
          item,
          new GraphError(424, 'FailedDependency', 'A request this one depends on failed.'),
        )
      : ctx.dispatchSubRequest(item);
    statusById.set(item.id, response.status);
    const entry: Record<string, unknown> = {
      id: item.id,
      status: response.status,
      headers: response.headers ?? {},
    };
    if (response.body !== undefined) entry.body = response.body;
    return entry;
  });
  return json(200, { responses });
}

export const batchRoutes: readonly Route[] = [{ method: 'POST', pattern: ['$batch'], handler: batch }];
