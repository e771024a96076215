import type { Context, Middleware } from '@microsoft/microsoft-graph-client';

/**
 * The SDK's AuthenticationHandler silently drops the token on http:// URLs (platform-facts §3), which would
 * make the local sandbox unusable. Config already refuses http:// for anything but loopback, so attaching
 * the token to every request of this client is safe.
 */
export class BearerTokenHandler implements Middleware {
  private next: Middleware | undefined;

  constructor(private readonly token: string) {}

  setNext(next: Middleware): void {
    this.next = next;
  }

  async execute(context: Context): Promise<void> {
    if (!this.next) throw new Error('BearerTokenHandler must not be the last middleware');
    const options = context.options ?? {};
    context.options = { ...options, headers: withAuthorization(options.headers, `Bearer ${this.token}`) };
    await this.next.execute(context);
  }
}

/**
 * The SDK hands its headers over as a plain object: copied as one (a `Headers` object validates every
 * header again, and fetch then copies it once more). Any other shape goes through `Headers`.
 */
function withAuthorization(headers: HeaderSet | undefined, authorization: string): HeaderSet {
  if (headers === undefined || isRecord(headers)) {
    const copy: HeaderRecord = {};
    for (const [name, value] of Object.entries(headers ?? {}))
      if (name.toLowerCase() !== 'authorization') copy[name] = value;
    copy.Authorization = authorization;
    return copy;
  }
  const copy = new Headers(headers);
  copy.set('Authorization', authorization);
  return copy;
}

type HeaderSet = NonNullable<RequestInit['headers']>;
type HeaderRecord = Record<string, string | readonly string[]>;

function isRecord(headers: HeaderSet): headers is HeaderRecord {
  return !Array.isArray(headers) && !(headers instanceof Headers);
}
