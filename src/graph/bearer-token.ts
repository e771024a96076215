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
    const headers = new Headers(options.headers as ConstructorParameters<typeof Headers>[0]);
    headers.set('Authorization', `Bearer ${this.token}`);
    context.options = { ...options, headers };
    await this.next.execute(context);
  }
}
