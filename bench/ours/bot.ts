/**
 * Our bot as the bench runs it: what src/index.ts starts, from the same compiled modules, minus the Agents
 * Playground (a dev tool in its own process) and dotenv. Tokens come from the token service at OAuthUrl
 * through botbuilder's client, as the floor's do; Graph is GRAPH_BASE_URL. Logs go to stdout at LOG_LEVEL,
 * as in production.
 */
// As in src/index.ts: dependencies first, without keeping their source maps.
import '../../src/server/dependencies-first';
import { startApp } from '../../src/app';
import { SsoTokenProvider } from '../../src/auth/sso-token-provider';
import { loadConfig } from '../../src/server/config';
import { createJsonLogger } from '../../src/shared/logger';

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const { graphBaseUrl, connectionName } = config;
  if (!graphBaseUrl || !connectionName) throw new Error('The bench sets GRAPH_BASE_URL and ConnectionName');
  const app = await startApp({
    config,
    logger: createJsonLogger(config.logLevel),
    graphBaseUrl,
    tokens: new SsoTokenProvider(connectionName),
  });
  process.once('SIGTERM', () => void app.close().then(() => process.exit(0)));
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
