import type { IncomingMessage } from 'node:http';
import { isLoopback } from './loopback';

/**
 * The body of a POST to /api/messages, read by us instead of restify's bodyParser: only JSON, only
 * uncompressed, never more than the limit in memory, never anything on disk.
 *
 * restify's bodyParser inflates gzip after checking only the compressed size against maxBodySize (restify
 * issue #1785), so a 570 KB upload grows to 560 MiB in memory; it also parses form posts and writes
 * multipart uploads to the temp directory. The Bot Framework Service posts activities as JSON
 * (`Content-Type: application/json; charset=utf-8`,
 * https://learn.microsoft.com/azure/bot-service/rest-api/bot-framework-rest-connector-api-reference), so
 * everything else is refused from the headers alone, before a byte of the body is read.
 */

export interface Refusal {
  status: 400 | 403 | 413 | 415;
  /** A stable word for logs and tests. */
  reason: string;
  message: string;
}

export type BodyResult = { ok: true; body: Record<string, unknown> } | { ok: false; refusal: Refusal };

export interface BodyRules {
  maxBytes: number;
  /**
   * Local mode: the Host header must name a loopback host. Anonymous auth trusts whatever reaches the port,
   * and a web page can reach it through DNS rebinding (its own name resolving to 127.0.0.1) unless the
   * name it used is checked.
   */
  loopbackHostOnly: boolean;
}

/** Everything decidable from the request line and headers. */
export function refusalFromHeaders(req: IncomingMessage, rules: BodyRules): Refusal | undefined {
  if (rules.loopbackHostOnly && !isLoopbackHost(req.headers.host))
    return {
      status: 403,
      reason: 'host',
      message: 'This local bot answers only requests addressed to a loopback host.',
    };
  const encoding = (req.headers['content-encoding'] ?? 'identity').trim().toLowerCase();
  if (encoding !== 'identity')
    return { status: 415, reason: 'encoding', message: 'Compressed request bodies are not accepted.' };
  if (!isJsonUtf8(req.headers['content-type']))
    return {
      status: 415,
      reason: 'contentType',
      message: 'Only application/json (UTF-8) is accepted.',
    };
  const declared = req.headers['content-length'];
  if (declared !== undefined && Number(declared) > rules.maxBytes) return tooLarge(rules.maxBytes);
  return undefined;
}

/** Reads at most maxBytes, then parses; the first byte over the limit ends the read. */
export function readJsonBody(req: IncomingMessage, maxBytes: number): Promise<BodyResult> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const finish = (result: BodyResult): void => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
      req.off('aborted', onError);
      resolve(result);
    };
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > maxBytes) {
        chunks.length = 0;
        req.pause();
        finish({ ok: false, refusal: tooLarge(maxBytes) });
      } else chunks.push(chunk);
    };
    const onEnd = (): void => finish(parseJson(Buffer.concat(chunks, size)));
    const onError = (): void =>
      finish({
        ok: false,
        refusal: { status: 400, reason: 'aborted', message: 'The request body did not arrive.' },
      });
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
    req.on('aborted', onError);
  });
}

/**
 * After a refusal the client may still be sending: read and drop at most `budget` more bytes so it can
 * finish and read our answer, then cut the connection (closing a socket with unread data resets it, and the
 * client would see a reset instead of the 4xx).
 */
export function discardRest(req: IncomingMessage, budget: number): void {
  if (req.readableEnded) return;
  let dropped = 0;
  req.removeAllListeners('data');
  req.on('data', (chunk: Buffer) => {
    dropped += chunk.length;
    if (dropped > budget) req.destroy();
  });
  req.on('error', () => undefined);
  req.resume();
}

function parseJson(raw: Buffer): BodyResult {
  let parsed: unknown;
  try {
    const text = raw.toString('utf8');
    // `__proto__` as a key is dropped: later copies with Object.assign would turn it into a prototype.
    // A reviver costs a call per value (0.6% of all CPU under the bench's create load), so it runs only when
    // the text could spell that key: literally, or through a \u escape. Otherwise no key can be
    // `__proto__` and both parse alike.
    parsed =
      text.includes('__proto__') || text.includes('\\u') ? JSON.parse(text, dropProto) : JSON.parse(text);
  } catch {
    return { ok: false, refusal: { status: 400, reason: 'json', message: 'The body is not valid JSON.' } };
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    return {
      ok: false,
      refusal: { status: 400, reason: 'json', message: 'The body must be one JSON object.' },
    };
  return { ok: true, body: parsed as Record<string, unknown> };
}

function dropProto(key: string, value: unknown): unknown {
  return key === '__proto__' ? undefined : value;
}

function tooLarge(maxBytes: number): Refusal {
  return { status: 413, reason: 'size', message: `Request bodies are limited to ${maxBytes} bytes.` };
}

/** `application/json`, with no charset or a UTF-8 one (RFC 8259: JSON between systems is UTF-8). */
function isJsonUtf8(header: string | undefined): boolean {
  if (header === undefined) return false;
  // What the Bot Framework Service and most clients send, decided without splitting the header.
  if (header === 'application/json; charset=utf-8' || header === 'application/json') return true;
  const [mediaType, ...parameters] = header.split(';').map((part) => part.trim().toLowerCase());
  if (mediaType !== 'application/json') return false;
  return parameters.every((parameter) => {
    const [name, value] = parameter.split('=').map((part) => part.trim().replace(/^"|"$/g, ''));
    return name !== 'charset' || value === 'utf-8' || value === 'utf8';
  });
}

function isLoopbackHost(header: string | undefined): boolean {
  if (header === undefined) return false;
  // "127.0.0.1:3978", "localhost", "[::1]:3978": the name without its port.
  const name = header.startsWith('[')
    ? header.slice(0, header.indexOf(']') + 1)
    : header.replace(/:\d*$/, '');
  return isLoopback(name);
}
