/** Sends one Graph request over node:http(s) and hands the SDK its answer as a fetch `Response`. */
import {
  Agent as HttpAgent,
  request as httpRequest,
  type IncomingMessage,
  type OutgoingHttpHeaders,
} from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';

export interface GraphHttpRequest {
  method: string;
  headers: OutgoingHttpHeaders;
  body: string | Uint8Array | undefined;
  /** Aborts the request, and the reading of its answer, when it fires. */
  signal: AbortSignal;
}

interface Transport {
  request: typeof httpRequest;
  agent: HttpAgent;
}

/**
 * How long a kept-alive connection may sit idle before we close it: undici's default for fetch
 * (`keepAliveTimeout`, 4 s, https://github.com/nodejs/undici/blob/main/docs/docs/api/Client.md). Node's
 * agent would otherwise keep it until the server closes it, and a create sent just as Graph's side closes
 * an idle connection fails with no answer: outcome unknown, a look-up for the user. The agent's `timeout`
 * closes only idle sockets; a request in flight is not cut off by it (both checked by a test).
 */
export const IDLE_SOCKET_MS = 4_000;

/**
 * Connections kept alive and shared by every user's requests, as undici's pool did for fetch. An idle one
 * is unref'd by the agent, so it never holds the process open.
 */
const AGENT_OPTIONS = { keepAlive: true, timeout: IDLE_SOCKET_MS };
const TRANSPORTS = new Map<string, Transport>([
  ['http:', { request: httpRequest, agent: new HttpAgent(AGENT_OPTIONS) }],
  ['https:', { request: httpsRequest, agent: new HttpsAgent(AGENT_OPTIONS) }],
]);

/**
 * Answers whose Response must have no body (https://fetch.spec.whatwg.org/#null-body-status; the two 1xx
 * there never reach a Response here, see toResponse).
 */
const NULL_BODY = new Set([204, 205, 304]);

/**
 * The request as given, answered with its status, headers and whole body. Never follows a redirect: a 3xx
 * is an answer like any other, for the caller to judge. Rejects with Node's own error when no complete
 * answer came (its `code` says whether the connection was ever made), an AbortError once the signal fired.
 */
export function sendGraphRequest(url: URL, request: GraphHttpRequest): Promise<Response> {
  const transport = TRANSPORTS.get(url.protocol);
  if (transport === undefined)
    return Promise.reject(new TypeError(`Graph URL must be http(s): ${url.protocol}`));
  return new Promise<Response>((resolve, reject) => {
    const outgoing = transport.request(
      url,
      { method: request.method, headers: request.headers, agent: transport.agent, signal: request.signal },
      (incoming) => readAnswer(incoming).then(resolve, reject),
    );
    outgoing.on('error', reject);
    outgoing.end(request.body);
  });
}

function readAnswer(incoming: IncomingMessage): Promise<Response> {
  return new Promise<Response>((resolve, reject) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('error', reject);
    // A connection lost mid-body ends the stream without 'end'; the answer is then incomplete.
    incoming.on('close', () => {
      if (!incoming.complete) reject(new Error('Graph answer cut off'));
    });
    incoming.on('end', () => {
      try {
        resolve(toResponse(incoming, Buffer.concat(chunks)));
      } catch (error) {
        reject(error);
      }
    });
  });
}

/** Throws a RangeError for a status fetch cannot represent (below 200 or above 599): no usable answer. */
function toResponse(incoming: IncomingMessage, body: Buffer): Response {
  const status = incoming.statusCode ?? 0;
  const headers = new Headers();
  const raw = incoming.rawHeaders;
  for (let index = 0; index + 1 < raw.length; index += 2) headers.append(raw[index], raw[index + 1]);
  return new Response(NULL_BODY.has(status) ? null : body, {
    status,
    statusText: incoming.statusMessage ?? '',
    headers,
  });
}
