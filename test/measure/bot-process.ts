import { DEMO_TENANT } from '../../sandbox/demo-tenant';
import { startApp } from '../../src/app';
import { LocalSandboxTokenProvider } from '../../src/auth/local-token-provider';
import { loadConfig } from '../../src/server/config';
import { createJsonLogger } from '../../src/shared/logger';
import { MEMORY_CLAIM_LIMITS, MEMORY_STATE_LIMITS } from '../../src/storage/limits';

/**
 * The bot alone in a process (started by security.measure.ts), so its RSS is the bot's and not the test's,
 * the load generator's or the Graph sandbox's. Prints "READY <url>"; answers a "memory" message with its
 * memory after a full garbage collection.
 */
async function main(): Promise<void> {
  // For a before/after figure only: STATE_LIMITS=none keeps every draft and claim, as botbuilder's
  // MemoryStorage did.
  if (process.env.STATE_LIMITS === 'none')
    for (const limits of [MEMORY_STATE_LIMITS, MEMORY_CLAIM_LIMITS])
      Object.assign(limits, { ttlMs: Number.POSITIVE_INFINITY, maxBytes: Number.POSITIVE_INFINITY });
  const config = loadConfig({ PORT: '0', GRAPH_BASE_URL: process.env.GRAPH_BASE_URL, LOG_LEVEL: 'error' });
  const app = await startApp({
    config,
    logger: createJsonLogger('error', (line) => process.stderr.write(line)),
    graphBaseUrl: new URL(process.env.GRAPH_BASE_URL ?? ''),
    tokens: new LocalSandboxTokenProvider(DEMO_TENANT.tenantId),
  });
  process.on('message', (message) => {
    if (message !== 'memory') return;
    (globalThis as { gc?: () => void }).gc?.();
    process.send?.(process.memoryUsage());
  });
  process.on('disconnect', () => void app.close().then(() => process.exit(0)));
  process.stdout.write(`READY ${app.url}\n`);
}

void main();
