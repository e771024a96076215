import 'dotenv/config';
// First, before http and the Azure SDK load: it instruments them when Application Insights is configured.
import './server/telemetry';
// Next, before our own modules: dependencies load without keeping their source maps (see the module).
import './server/dependencies-first';
import type { RunningPlayground } from '../dev/playground';
import { startApp } from './app';
import { LocalSandboxTokenProvider } from './auth/local-token-provider';
import { SsoTokenProvider } from './auth/sso-token-provider';
import type { GraphTokenProvider } from './auth/token-provider';
import { type AppConfig, ConfigError, loadConfig } from './server/config';
import { telemetry, telemetryLogger } from './server/telemetry';
import { createJsonLogger, type Logger } from './shared/logger';

interface GraphTarget {
  baseUrl: URL;
  description: string;
  sandboxTenantId?: string;
  close(): Promise<void>;
}

async function main(): Promise<void> {
  const config = readConfigOrExit();
  const logger = telemetry ? telemetryLogger(config.logLevel) : createJsonLogger(config.logLevel);
  const graph = await graphTarget(config);
  const tokens = tokenProvider(config, graph);
  const app = await startApp({ config, logger, graphBaseUrl: graph.baseUrl, tokens });

  const mode =
    config.mode === 'local'
      ? 'local mode (anonymous Bot Framework auth)'
      : `production mode (app ${config.botId})`;
  const tokenSource = config.connectionName ? `SSO connection "${config.connectionName}"` : 'sandbox tokens';
  process.stdout.write(
    `Group Conversations bot on ${app.url}/api/messages in ${mode}; Graph: ${graph.description}; tokens: ${tokenSource}.\n`,
  );

  let playground: RunningPlayground | undefined;
  const shutdown = async (signal: string): Promise<void> => {
    logger.info('shutdown', { signal });
    await playground?.close();
    // Stop taking turns, let the ones in flight (and posts they started) finish within the grace period.
    const drained = await app.shutdown(config.shutdownGraceMs);
    logger[drained.drained ? 'info' : 'warn']('shutdown.drained', { ...drained });
    await graph.close();
    await telemetry?.shutdown();
    process.exit(0);
  };
  // Local mode only: the Playground is a dev dependency and must never be required in production.
  // `npm run dev` keeps one Playground across bot restarts and starts it itself (START_PLAYGROUND=false).
  playground =
    config.mode === 'local' && process.env.START_PLAYGROUND !== 'false'
      ? await (await import('../dev/playground')).startPlayground({
          botEndpoint: `${app.url}/api/messages`,
          onUnexpectedExit: (reason) => {
            process.stderr.write(`${reason}\n`);
            void shutdown('playground-exit');
          },
        })
      : undefined;
  if (playground)
    process.stdout.write(`\nOpen ${playground.url} to chat with the bot (Ctrl-C stops all).\n\n`);
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
}

function readConfigOrExit(): AppConfig {
  try {
    return loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}

async function graphTarget(config: AppConfig): Promise<GraphTarget> {
  if (config.graphBaseUrl)
    return { baseUrl: config.graphBaseUrl, description: config.graphBaseUrl.href, close: async () => {} };
  // Loaded only in local mode, so production never requires the sandbox's code.
  const { startGraphSandbox } = await import('../sandbox/graph-sandbox');
  const { DEMO_TENANT } = await import('../sandbox/demo-tenant');
  const sandbox = await startGraphSandbox({ host: '127.0.0.1', port: config.sandboxPort });
  return {
    baseUrl: new URL(sandbox.baseUrl),
    description: `embedded sandbox at ${sandbox.baseUrl} (demo tenant; admin at ${sandbox.origin}/_sandbox)`,
    sandboxTenantId: DEMO_TENANT.tenantId,
    close: () => sandbox.close(),
  };
}

function tokenProvider(config: AppConfig, graph: GraphTarget): GraphTokenProvider {
  if (config.connectionName) return new SsoTokenProvider(config.connectionName);
  return new LocalSandboxTokenProvider(graph.sandboxTenantId ?? 'local');
}

main().catch((error: unknown) => {
  const logger: Logger = createJsonLogger('error');
  logger.error('startup.failed', { error: error instanceof Error ? error.message : String(error) });
  process.exit(1);
});
