import { request } from 'node:http';

/** One HTTP request with exactly the headers and bytes a test chooses (fetch adds and normalises its own). */

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  json(): unknown;
}

export interface RawRequest {
  method?: string;
  headers?: Record<string, string>;
  /** Sent with Content-Length. */
  body?: Buffer | string;
  /** Sent with Transfer-Encoding: chunked, one write each, so no length is declared up front. */
  chunks?: Buffer[];
}

export function rawRequest(url: string, options: RawRequest = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const body = typeof options.body === 'string' ? Buffer.from(options.body) : options.body;
    const headers: Record<string, string> = { ...options.headers };
    if (body) headers['Content-Length'] = String(body.length);
    let answered = false;
    const req = request(url, { method: options.method ?? 'POST', headers }, (res) => {
      answered = true;
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json: () => JSON.parse(text) });
      });
      res.on('error', reject);
    });
    // The server may answer and close before the whole upload is sent (the point of some tests): the write
    // then fails, and the answer may still be on its way. Only no answer at all is an error.
    req.on('error', (error) => {
      setTimeout(() => {
        if (!answered) reject(error);
      }, 200);
    });
    if (body) req.end(body);
    else if (options.chunks) {
      for (const chunk of options.chunks) req.write(chunk);
      req.end();
    } else req.end();
  });
}

/** A Teams activity posted as the Bot Connector does: JSON, optionally with a bearer token. */
export function postActivity(baseUrl: string, activity: unknown, token?: string): Promise<RawResponse> {
  return rawRequest(`${baseUrl}/api/messages`, {
    headers: {
      'Content-Type': 'application/json; charset=utf-8',
      ...(token === undefined ? {} : { Authorization: `Bearer ${token}` }),
    },
    body: JSON.stringify(activity),
  });
}
