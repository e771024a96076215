import * as restify from 'restify';
import { type MessagesEndpointDeps, messagesEndpoint } from './messages-endpoint';

/** Teams posts activities of a few KB; a form submit with a full body and 100 group choices stays under 100 KB. */
export const MAX_BODY_BYTES = 1024 * 1024;

/**
 * HTTP surface: the Bot Framework endpoint and a health probe. Nothing else is exposed, and no body parser
 * runs: /api/messages reads its own body (request-body.ts), so no other route or content type is parsed.
 */
export function createHttpServer(deps: Omit<MessagesEndpointDeps, 'maxBodyBytes'>): restify.Server {
  const server = restify.createServer({ name: 'group-conversations-bot' });
  // Node's defaults let a client take 60 s to send headers and 300 s to send a body: a few hundred such
  // slow connections tie the process up. Teams sends an activity at once.
  server.server.headersTimeout = 20_000;
  server.server.requestTimeout = 30_000;

  server.post('/api/messages', messagesEndpoint({ ...deps, maxBodyBytes: MAX_BODY_BYTES }));

  server.get('/healthz', (_req, res, next) => {
    res.send(200, { status: 'ok' });
    next();
  });

  return server;
}
