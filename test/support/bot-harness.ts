import { DEMO_TENANT } from '../../sandbox/demo-tenant';
import { type GraphSandbox, startGraphSandbox } from '../../sandbox/graph-sandbox';
import { type RunningApp, startApp } from '../../src/app';
import { LocalSandboxTokenProvider } from '../../src/auth/local-token-provider';
import type { GraphTokenProvider } from '../../src/auth/token-provider';
import { loadConfig } from '../../src/server/config';
import { createJsonLogger } from '../../src/shared/logger';
import type { TeamsActivity } from './teams-activities';
import { startTeamsConnector, type TeamsConnector } from './teams-connector';
import { startOrTearDown } from './teardown';

export interface HarnessOptions {
  env?: Record<string, string>;
  tokens?: (sandbox: GraphSandbox) => GraphTokenProvider;
  /** Share a Graph sandbox between bot instances (a restart, or two instances); the caller closes it. */
  sandbox?: GraphSandbox;
}

/**
 * The real bot on a real port, a local Teams connector for its replies, and the Graph sandbox over HTTP:
 * tests talk to it only as Teams would, through /api/messages.
 */
export interface BotHarness {
  app: RunningApp;
  sandbox: GraphSandbox;
  connector: TeamsConnector;
  logLines: string[];
  post(activity: TeamsActivity): Promise<{ status: number; body: unknown }>;
  reset(): void;
  close(): Promise<void>;
}

export function startBotHarness(options: HarnessOptions = {}): Promise<BotHarness> {
  return startOrTearDown(async (teardown) => {
    // A shared sandbox belongs to the caller, who closes it.
    const sandbox = options.sandbox ?? teardown.add(await startGraphSandbox(), (owned) => owned.close());
    const connector = teardown.add(await startTeamsConnector(), (started) => started.close());
    const logLines: string[] = [];
    const config = loadConfig({
      PORT: '0',
      GRAPH_BASE_URL: sandbox.baseUrl,
      LOG_LEVEL: 'debug',
      ...options.env,
    });
    const app = teardown.add(
      await startApp({
        config,
        logger: createJsonLogger('debug', (line) => logLines.push(line)),
        graphBaseUrl: new URL(sandbox.baseUrl),
        tokens: options.tokens?.(sandbox) ?? new LocalSandboxTokenProvider(DEMO_TENANT.tenantId),
      }),
      (running) => running.close(),
    );
    return {
      app,
      sandbox,
      connector,
      logLines,
      post: async (activity) => {
        const response = await fetch(`${app.url}/api/messages`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify(activity),
        });
        const text = await response.text();
        return { status: response.status, body: text ? JSON.parse(text) : undefined };
      },
      reset: () => {
        sandbox.reset();
        connector.reset();
        logLines.length = 0;
      },
      close: () => teardown.run(),
    };
  });
}
