import { type GraphSandbox, mintSandboxToken } from '../../sandbox/graph-sandbox';
import type { MintClaims } from '../../sandbox/tokens';

export interface CallOptions {
  /** A token, `null` for none; default a valid token for Alex. */
  readonly token?: string | null;
  readonly claims?: MintClaims;
  readonly body?: unknown;
  readonly headers?: Record<string, string>;
}

export interface CallResult<T = Record<string, unknown>> {
  readonly status: number;
  readonly headers: Headers;
  /** Parsed body, typed by the test that knows what it expects. */
  readonly json: T;
  readonly text: string;
}

/** Calls the sandbox over real HTTP; `path` is relative to /v1.0 unless it starts with http or /_sandbox. */
export async function call<T = Record<string, unknown>>(
  sandbox: GraphSandbox,
  method: string,
  path: string,
  options: CallOptions = {},
): Promise<CallResult<T>> {
  const url = path.startsWith('http')
    ? path
    : path.startsWith('/_sandbox')
      ? sandbox.origin + path
      : sandbox.baseUrl + path;
  const token = options.token === undefined ? mintSandboxToken(options.claims) : options.token;
  const headers: Record<string, string> = { ...options.headers };
  if (token !== null) headers.Authorization = `Bearer ${token}`;
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(url, {
    method,
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    json: text === '' ? undefined : JSON.parse(text),
    text,
  };
}

export const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export interface ErrorBody {
  readonly error: {
    readonly code: string;
    readonly message: string;
    readonly innerError: Record<string, string>;
  };
}

/** Asserts Graph's exact error shape, ids included, and returns the message for further checks. */
export function expectGraphError(result: CallResult<unknown>, status: number, code: string): string {
  const body = result.json as ErrorBody;
  expect(result.status).toBe(status);
  expect(result.headers.get('request-id')).toMatch(GUID);
  expect(result.headers.get('content-type')).toBe('application/json');
  expect(body).toEqual({
    error: {
      code,
      message: expect.any(String),
      innerError: {
        'request-id': result.headers.get('request-id'),
        'client-request-id': result.headers.get('client-request-id'),
        date: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/),
      },
    },
  });
  expect(Object.keys(body.error)).toEqual(['code', 'message', 'innerError']);
  return body.error.message;
}

export function conversationBody(overrides: Record<string, unknown> = {}) {
  return {
    topic: 'Q3 launch plan',
    threads: [
      {
        posts: [
          {
            body: {
              contentType: 'html',
              content: '<p>Hello&nbsp;team,</p><p>the <b>plan</b> &amp; dates.</p>',
            },
            newParticipants: [
              { emailAddress: { name: 'Megan Bowen', address: 'meganb@contoso.onmicrosoft.com' } },
            ],
          },
        ],
      },
    ],
    ...overrides,
  };
}
