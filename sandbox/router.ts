/** Matches version-relative path segments to a route, with Graph's answers for unknown ones. */
import { GraphError } from './errors';
import { batchRoutes } from './routes/batch';
import { conversationRoutes } from './routes/conversations';
import { directoryRoutes } from './routes/directory';
import type { Route } from './routes/types';

const ROUTES: readonly Route[] = [...directoryRoutes, ...conversationRoutes, ...batchRoutes];

function segmentMatches(patternSegment: string, segment: string): boolean {
  return patternSegment.startsWith(':') || patternSegment.toLowerCase() === segment.toLowerCase();
}

function matches(pattern: readonly string[], segments: readonly string[], length: number): boolean {
  return pattern.length >= length && segments.slice(0, length).every((s, i) => segmentMatches(pattern[i], s));
}

export interface RouteMatch {
  readonly route: Route;
  readonly params: Record<string, string>;
}

/**
 * Unknown paths answer 400 BadRequest "Resource not found for the segment '…'.", naming the first segment
 * no route knows, as Graph's OData layer does; a known path with another method answers 405.
 */
export function matchRoute(method: string, segments: readonly string[]): RouteMatch {
  const candidates = ROUTES.filter(
    (r) => r.pattern.length === segments.length && matches(r.pattern, segments, segments.length),
  );
  const route = candidates.find((r) => r.method === method);
  if (route) {
    const params: Record<string, string> = {};
    route.pattern.forEach((p, i) => {
      if (p.startsWith(':')) params[p.slice(1)] = segments[i];
    });
    return { route, params };
  }
  if (candidates.length > 0) {
    throw new GraphError(
      405,
      'Request_BadRequest',
      'Specified HTTP method is not allowed for the request target.',
    );
  }
  let known = 0;
  while (known < segments.length && ROUTES.some((r) => matches(r.pattern, segments, known + 1))) known += 1;
  const segment = segments[Math.min(known, segments.length - 1)] ?? '';
  throw new GraphError(400, 'BadRequest', `Resource not found for the segment '${segment}'.`);
}
