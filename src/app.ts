import type { AddressInfo } from 'node:net';
import { CloudAdapter, type TurnContext } from 'botbuilder';
import type { Server } from 'restify';
import { BotFrameworkAuthentication } from './auth/bot-framework-auth';
import { SsoExchangeDedupeMiddleware } from './auth/sso-exchange-dedupe';
import type { GraphTokenProvider } from './auth/token-provider';
import { DraftLedger } from './conversations/ledger';
import type { AppConfig } from './server/config';
import { createHttpServer } from './server/server';
import type { Logger } from './shared/logger';
import { createClaimStore, createStorage } from './storage/storage';
import { GroupConversationsBot } from './teams/bot';

export interface AppDeps {
  config: AppConfig;
  logger: Logger;
  graphBaseUrl: URL;
  tokens: GraphTokenProvider;
}

export interface RunningApp {
  url: string;
  close(): Promise<void>;
}

/** Composition root: wires adapter, bot and HTTP server from a validated config. */
export async function startApp({ config, logger, graphBaseUrl, tokens }: AppDeps): Promise<RunningApp> {
  const adapter = new CloudAdapter(new BotFrameworkAuthentication(config.botFramework, config.botId));
  adapter.onTurnError = (context, error) => onTurnError(context, error, logger);

  const storage = createStorage(config.storage);
  if (config.mode === 'production' && !config.storage.connectionString)
    logger.warn('storage.in_memory', {
      detail: 'STORAGE_CONNECTION_STRING is not set: run a single instance, state is lost on restart',
    });
  const claims = createClaimStore(config.storage);
  if (config.connectionName)
    adapter.use(new SsoExchangeDedupeMiddleware(claims, tokens, config.connectionName));
  const bot = new GroupConversationsBot({
    graphBaseUrl,
    tokens,
    storage,
    logger,
    ledger: new DraftLedger(storage, claims, logger),
    defaultGroupId: config.defaultGroupId,
    connectionName: config.connectionName,
    invokeBudgetMs: config.invokeBudgetMs,
  });
  const server = createHttpServer(adapter, bot);
  await new Promise<void>((resolve) => server.listen(config.port, config.host, resolve));
  return { url: urlOf(server), close: () => closeServer(server) };
}

async function onTurnError(context: TurnContext, error: Error, logger: Logger): Promise<void> {
  logger.error('turn.failed', {
    error: error.name,
    activityType: context.activity.type,
    activityName: context.activity.name,
    stack: error.stack?.split('\n').slice(0, 4).join(' | '),
  });
  if (context.activity.type === 'message')
    await context.sendActivity(
      'Sorry, something went wrong on my side. Nothing was posted; please try again.',
    );
}

function urlOf(server: Server): string {
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return `http://${host}:${address.port}`;
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => server.close(() => resolve()));
}
