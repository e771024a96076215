import type { CloudAdapter } from 'botbuilder';
import * as restify from 'restify';
import type { GroupConversationsBot } from '../teams/bot';

/** HTTP surface: the Bot Framework endpoint and a health probe. Nothing else is exposed. */
export function createHttpServer(adapter: CloudAdapter, bot: GroupConversationsBot): restify.Server {
  const server = restify.createServer({ name: 'group-conversations-bot' });
  server.use(restify.plugins.bodyParser({ maxBodySize: 1024 * 1024 }));

  server.post('/api/messages', async (req, res) => {
    await adapter.process(req, res, (context) => bot.run(context));
  });

  server.get('/healthz', (_req, res, next) => {
    res.send(200, { status: 'ok' });
    next();
  });

  return server;
}
