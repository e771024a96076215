import type { Caller } from '../caller';
import type { GraphError } from '../errors';
import type { SandboxStore } from '../store';

export interface GraphResponse {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
  /** Undefined for empty bodies (202, 204). */
  readonly body?: unknown;
}

/** A request already authenticated and stripped of its version prefix. */
export interface GraphRequest {
  readonly method: string;
  /** Decoded path segments after the version, e.g. ['groups', '<id>', 'conversations']. */
  readonly segments: readonly string[];
  readonly query: URLSearchParams;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: unknown;
}

export interface RouteContext {
  readonly request: GraphRequest;
  readonly params: Readonly<Record<string, string>>;
  readonly caller: Caller;
  readonly store: SandboxStore;
  /** e.g. http://127.0.0.1:5055/v1.0, for @odata.context and @odata.nextLink. */
  readonly serviceRoot: string;
  /**
   * Runs one $batch sub-request through the same routes (recording it), or records it as failing with
   * `failure` without running it. Set by the pipeline.
   */
  readonly dispatchSubRequest: (item: BatchSubRequest, failure?: GraphError) => GraphResponse;
}

export type RouteHandler = (ctx: RouteContext) => GraphResponse;

export interface Route {
  readonly method: string;
  /** Literal segments match case-insensitively (as Graph does); ':name' captures one segment. */
  readonly pattern: readonly string[];
  readonly handler: RouteHandler;
}

export const json = (status: number, body: unknown, headers?: Record<string, string>): GraphResponse => ({
  status,
  body,
  headers,
});

export interface BatchSubRequest {
  readonly id: string;
  readonly method: string;
  /** Relative to the version root, e.g. /users/x?$select=mail. */
  readonly url: string;
  /** Lower-cased names. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: unknown;
}
