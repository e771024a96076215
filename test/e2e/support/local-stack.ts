import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type RunningPlayground, startPlayground } from '../../../dev/playground';
import { DEMO_TENANT } from '../../../sandbox/demo-tenant';
import { startGraphSandbox } from '../../../sandbox/graph-sandbox';
import { startApp } from '../../../src/app';
import { LocalSandboxTokenProvider } from '../../../src/auth/local-token-provider';
import { SsoTokenProvider } from '../../../src/auth/sso-token-provider';
import { loadConfig } from '../../../src/server/config';
import { createJsonLogger } from '../../../src/shared/logger';
import { startOrTearDown } from '../../support/teardown';

/**
 * What `npm start` runs with no configuration (bot in local mode, Graph sandbox, Playground), each on a free
 * loopback port so the suite never collides with a developer's running bot or with parallel test files.
 */
export interface LocalStack {
  playground: RunningPlayground;
  /** Where the sandbox's /_sandbox admin endpoints live. */
  sandboxOrigin: string;
  /** The bot's JSON log lines, for diagnosing a failed test. */
  botLog: string[];
  close(): Promise<void>;
}

export interface LocalStackOptions {
  /**
   * Sign in through an OAuth connection instead of minting sandbox tokens: the bot then gets Graph tokens
   * from the token service at `tokenServiceUrl` (the `OAuthUrl` setting) and answers with a sign-in card
   * while it has none. Without it the stack is exactly `npm start`'s.
   */
  sso?: { connectionName: string; tokenServiceUrl: string };
}

export function startLocalStack(options: LocalStackOptions = {}): Promise<LocalStack> {
  const { sso } = options;
  return startOrTearDown(async (teardown) => {
    // A private log per run: parallel test files must not read each other's Playground errors.
    const logDir = teardown.add(await mkdtemp(join(tmpdir(), 'playground-e2e-')), (dir) =>
      rm(dir, { recursive: true, force: true }),
    );
    const sandbox = teardown.add(await startGraphSandbox({ host: '127.0.0.1', port: 0 }), (s) => s.close());
    const botLog: string[] = [];
    const ssoEnv = sso ? { ConnectionName: sso.connectionName, OAuthUrl: sso.tokenServiceUrl } : {};
    const app = teardown.add(
      await startApp({
        config: loadConfig({ PORT: '0', GRAPH_BASE_URL: sandbox.baseUrl, ...ssoEnv }),
        logger: createJsonLogger('info', (line) => botLog.push(line)),
        graphBaseUrl: new URL(sandbox.baseUrl),
        tokens: sso
          ? new SsoTokenProvider(sso.connectionName)
          : new LocalSandboxTokenProvider(DEMO_TENANT.tenantId),
      }),
      (running) => running.close(),
    );
    const playground = teardown.add(
      await startPlayground({
        botEndpoint: `${app.url}/api/messages`,
        logPath: join(logDir, 'm365agentsplayground.log'),
      }),
      (running) => running.close(),
    );
    return { playground, sandboxOrigin: sandbox.origin, botLog, close: () => teardown.run() };
  });
}
