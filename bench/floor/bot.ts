/**
 * The floor: the least a botbuilder bot can do for the bench's jobs, started like ours (node on compiled JS,
 * same flags, same restify body parser, anonymous auth, no state). A message costs one getUserToken through
 * botbuilder's user-token client and one static form card sent to the connector; an `adaptiveCard/action`
 * one getUserToken, one `POST /groups/{id}/conversations` with a fixed body and one static confirmation
 * card. The POST goes over node:http with a keep-alive agent, as ours does since its transport left fetch
 * (src/graph/http-send.ts): the cheapest way to send it, so the ratio shows our overhead, not a choice of
 * client (with fetch here the create ratio read 0.82–0.94 where it reads 0.59–0.71 on node:http,
 * docs/performance.md). The cards are snapshots of ours (same size on the wire). Settings come from the environment:
 * PORT, OAuthUrl, ConnectionName, GRAPH_BASE_URL, BENCH_GROUP_ID.
 */

import { Agent, request } from 'node:http';
import {
  ActivityHandler,
  type AdaptiveCardInvokeResponse,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type TurnContext,
} from 'botbuilder';
import type { UserTokenClient } from 'botframework-connector';
import * as restify from 'restify';
import confirmationCard from './confirmation-card.json';
import formCard from './form-card.json';

const CARD = 'application/vnd.microsoft.card.adaptive';
const env = process.env;
const connectionName = required('ConnectionName');
const graphBaseUrl = required('GRAPH_BASE_URL');
const conversationsUrl = `${graphBaseUrl}/groups/${encodeURIComponent(required('BENCH_GROUP_ID'))}/conversations`;
const graphAgent = new Agent({ keepAlive: true });
const createBody = JSON.stringify({
  topic: 'Bench: quarterly review',
  threads: [
    {
      posts: [
        {
          body: { contentType: 'html', content: 'Line one<br>Line two' },
          newParticipants: [{ emailAddress: { name: 'guest@fabrikam.com', address: 'guest@fabrikam.com' } }],
        },
      ],
    },
  ],
});

class FloorBot extends ActivityHandler {
  constructor(private readonly userTokenClientKey: symbol) {
    super();
    this.onMessage(async (context, next) => {
      await this.token(context);
      await context.sendActivity({ attachments: [{ contentType: CARD, content: formCard }] });
      await next();
    });
  }

  protected override async onAdaptiveCardInvoke(context: TurnContext): Promise<AdaptiveCardInvokeResponse> {
    const token = await this.token(context);
    const status = await post(conversationsUrl, token);
    if (status < 200 || status > 299)
      return {
        statusCode: 500,
        type: 'application/vnd.microsoft.error',
        value: { code: 'Graph', message: '' },
      };
    return { statusCode: 200, type: CARD, value: confirmationCard };
  }

  private async token(context: TurnContext): Promise<string> {
    const client = context.turnState.get<UserTokenClient>(this.userTokenClientKey);
    const { activity } = context;
    const response = await client.getUserToken(activity.from.id, connectionName, activity.channelId, '');
    return response.token;
  }
}

/** Sends the create and reads the whole answer; resolves with its status. */
function post(url: string, token: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const outgoing = request(
      url,
      {
        method: 'POST',
        agent: graphAgent,
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      },
      (incoming) => {
        incoming.resume();
        incoming.on('end', () => resolve(incoming.statusCode ?? 0));
        incoming.on('error', reject);
      },
    );
    outgoing.on('error', reject);
    outgoing.end(createBody);
  });
}

function required(name: string): string {
  const value = env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
}

const adapter = new CloudAdapter(
  new ConfigurationBotFrameworkAuthentication({ OAuthUrl: required('OAuthUrl') }),
);
const bot = new FloorBot(adapter.UserTokenClientKey);
const server = restify.createServer({ name: 'floor-bot' });
server.use(restify.plugins.bodyParser({ maxBodySize: 1024 * 1024 }));
server.post('/api/messages', async (req, res) => {
  await adapter.process(req, res, (context) => bot.run(context));
});
server.get('/healthz', (_req, res, next) => {
  res.send(200, { status: 'ok' });
  next();
});
server.listen(Number(env.PORT ?? 0), '127.0.0.1');
process.once('SIGTERM', () => server.close(() => process.exit(0)));
