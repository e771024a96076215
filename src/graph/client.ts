import { Client } from '@microsoft/microsoft-graph-client';
import { BearerTokenHandler } from './bearer-token';
import { DeadlineRetryHandler } from './deadline-retry';
import { DeadlineTransportHandler } from './transport';

export interface GraphClientOptions {
  /** e.g. https://graph.microsoft.com/v1.0 or the sandbox's http://127.0.0.1:port/v1.0 */
  baseUrl: URL;
  token: string;
  deadline: number;
  maxRetries?: number;
  baseDelayMs?: number;
}

/**
 * One client per user and per turn: the token is the user's, the deadline the turn's. Every request and
 * every retry ends by the deadline, whatever Graph does.
 */
export function createGraphClient(options: GraphClientOptions): Client {
  const { host, version } = splitBaseUrl(options.baseUrl);
  const auth = new BearerTokenHandler(options.token);
  const retry = new DeadlineRetryHandler({
    deadline: options.deadline,
    maxRetries: options.maxRetries ?? 3,
    baseDelayMs: options.baseDelayMs ?? 1_000,
  });
  auth.setNext(retry);
  retry.setNext(new DeadlineTransportHandler(options.deadline));
  return Client.initWithMiddleware({ middleware: auth, baseUrl: host, defaultVersion: version });
}

/** The SDK joins host + version + path itself, so "https://x/v1.0" becomes host "https://x/" + "v1.0". */
export function splitBaseUrl(baseUrl: URL): { host: string; version: string } {
  const segments = baseUrl.pathname.split('/').filter((segment) => segment.length > 0);
  const version = segments.pop() ?? 'v1.0';
  const prefix = segments.length > 0 ? `/${segments.join('/')}/` : '/';
  return { host: `${baseUrl.origin}${prefix}`, version };
}
