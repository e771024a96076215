import type { AddressInfo } from 'node:net';
import { ActivityTypes, INVOKE_RESPONSE_KEY, type TurnContext } from 'botbuilder';
import type { Server } from 'restify';
import { BotFrameworkAuthentication } from './auth/bot-framework-auth';
import { SsoExchangeDedupeMiddleware } from './auth/sso-exchange-dedupe';
import type { GraphTokenProvider } from './auth/token-provider';
import { DraftLedger } from './conversations/ledger';
import { text } from './i18n/catalog';
import type { AppConfig } from './server/config';
import { GatedCloudAdapter } from './server/gated-adapter';
import { blobStorageProbe, Readiness, serveReadiness } from './server/health';
import { createHttpServer } from './server/server';
import { type DrainResult, drain, LeaseTracker, trackRequests } from './server/shutdown';
import type { Logger } from './shared/logger';
import { blobContainer, usesBlobs } from './storage/blob-container';
import { createClaimStore, createStorage } from './storage/storage';
import { GroupConversationsBot } from './teams/bot';
import { failedInvoke } from './teams/invoke-answers';
import { languageOfTurn } from './teams/turn';
import { turnLogger } from './teams/turn-logger';

export interface AppDeps {
  config: AppConfig;
  logger: Logger;
  graphBaseUrl: URL;
  tokens: GraphTokenProvider;
}

export interface RunningApp {
  url: string;
  close(): Promise<void>;
  /** SIGTERM: /readyz turns 503, no new connections, in-flight requests and posts get up to graceMs. */
  shutdown(graceMs: number): Promise<DrainResult>;
}

/** Composition root: wires adapter, bot and HTTP server from a validated config. */
export async function startApp({ config, logger, graphBaseUrl, tokens }: AppDeps): Promise<RunningApp> {
  const adapter = new GatedCloudAdapter(new BotFrameworkAuthentication(config.botFramework, config.botId));
  adapter.onTurnError = (context, error) => onTurnError(context, error, turnLogger(context, { logger }));

  const storage = createStorage(config.storage, (count) =>
    // Only under a flood or far more drafts than one in-memory instance should take: a sign to use blobs.
    logger.warn('storage.evicted', { count, detail: 'in-memory state over its size budget; oldest dropped' }),
  );
  if (config.mode === 'production' && !usesBlobs(config.storage))
    logger.warn('storage.in_memory', {
      detail:
        'neither STORAGE_ACCOUNT_URL nor STORAGE_CONNECTION_STRING is set: run a single instance, state is lost on restart',
    });
  // Counts posting attempts in flight, so a graceful shutdown can wait for them.
  const claims = new LeaseTracker(createClaimStore(config.storage));
  if (config.connectionName)
    adapter.use(new SsoExchangeDedupeMiddleware(claims, tokens, config.connectionName));
  const bot = new GroupConversationsBot({
    graphBaseUrl,
    tokens,
    storage,
    logger,
    ledger: new DraftLedger(storage, claims),
    defaultGroupId: config.defaultGroupId,
    connectionName: config.connectionName,
    invokeBudgetMs: config.invokeBudgetMs,
  });
  const server = createHttpServer({
    adapter,
    logic: (context) => bot.run(context),
    logger,
    tenants: config.tenants,
    authRequired: config.mode === 'production',
  });
  // No retries: a probe must report an unreachable account within its timeout, not retry past it.
  const container = blobContainer(config.storage, { pipeline: { retryOptions: { maxTries: 1 } } });
  const readiness = new Readiness(container ? [blobStorageProbe(container)] : [], logger);
  serveReadiness(server, readiness);
  const requests = trackRequests(server.server);
  await new Promise<void>((resolve) => server.listen(config.port, config.host, resolve));
  return {
    url: urlOf(server),
    close: () => closeServer(server),
    shutdown: (graceMs) => {
      readiness.drain();
      return drain(server.server, { requests, posts: claims }, graceMs);
    },
  };
}

/**
 * Last resort for an exception in a turn (middleware included). It must not throw itself: botbuilder would
 * then fail the whole request. An invoke still gets a well-formed answer (botbuilder would answer an empty
 * 501); a message gets an apology in the chat if the connector can be reached.
 */
async function onTurnError(context: TurnContext, error: Error, logger: Logger): Promise<void> {
  logger.error('turn.failed', {
    error: error.name,
    activityType: context.activity.type,
    activityName: context.activity.name,
    stack: error.stack?.split('\n').slice(0, 4).join(' | '),
  });
  try {
    if (context.activity.type === ActivityTypes.Invoke && !context.turnState.get(INVOKE_RESPONSE_KEY))
      await context.sendActivity({
        type: ActivityTypes.InvokeResponse,
        value: failedInvoke(context.activity.name, languageOfTurn(context)),
      });
    else if (context.activity.type === ActivityTypes.Message)
      await context.sendActivity(text(languageOfTurn(context), 'messages.chat.failed'));
  } catch (replyError) {
    logger.error('turn.error_reply_failed', {
      error: replyError instanceof Error ? replyError.name : 'unknown',
    });
  }
}

function urlOf(server: Server): string {
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return `http://${host}:${address.port}`;
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => server.close(() => resolve()));
}
