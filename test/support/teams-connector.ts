import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SentActivity {
  method: 'POST' | 'PUT';
  conversationId: string;
  /** The activity replied to (POST …/activities/{id}) or updated (PUT …/activities/{id}). */
  activityId?: string;
  activity: Record<string, unknown> & {
    type?: string;
    text?: string;
    attachments?: Array<{ contentType: string; content: unknown }>;
  };
}

export interface TeamDetails {
  id: string;
  name: string;
  aadGroupId?: string;
}

/**
 * Stands in for the Teams connector service at the activity's serviceUrl: records what the bot sends and
 * answers the team look-ups TeamsInfo makes.
 */
export interface TeamsConnector {
  readonly serviceUrl: string;
  readonly sent: SentActivity[];
  readonly teamLookups: string[];
  addTeam(team: TeamDetails): void;
  /** Sends to this conversation fail as they do where the app is not installed. */
  refuseConversation(conversationId: string): void;
  /** Look-ups of this team fail as they do where the app is not installed in it. */
  refuseTeam(teamId: string): void;
  /** Activities whose JSON is larger are refused with 413 MessageSizeTooBig, as Teams does. */
  limitMessageSize(bytes: number): void;
  reset(): void;
  close(): Promise<void>;
}

export async function startTeamsConnector(): Promise<TeamsConnector> {
  const sent: SentActivity[] = [];
  const teamLookups: string[] = [];
  const teams = new Map<string, TeamDetails>();
  const refused = new Set<string>();
  let counter = 0;
  let maxMessageBytes = Number.POSITIVE_INFINITY;

  const server: Server = createServer((req, res) => {
    void readJson(req).then((body) => {
      const path = decodeURIComponent((req.url ?? '').split('?')[0]);
      const activityRoute = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?$/.exec(path);
      const teamRoute = /^\/v3\/teams\/([^/]+)$/.exec(path);
      if ((activityRoute && refused.has(activityRoute[1])) || (teamRoute && refused.has(teamRoute[1])))
        return json(res, 403, {
          error: {
            code: 'BotNotInConversationRoster',
            message: 'The bot is not part of the conversation roster.',
          },
        });
      if (activityRoute && Buffer.byteLength(JSON.stringify(body ?? null)) > maxMessageBytes)
        return json(res, 413, { error: { code: 'MessageSizeTooBig', message: 'Message size too big.' } });
      if (activityRoute && (req.method === 'POST' || req.method === 'PUT')) {
        sent.push({
          method: req.method,
          conversationId: activityRoute[1],
          activityId: activityRoute[2],
          activity: body as SentActivity['activity'],
        });
        counter += 1;
        return json(res, 200, { id: `bot-activity-${counter}` });
      }
      if (teamRoute && req.method === 'GET') {
        teamLookups.push(teamRoute[1]);
        const team = teams.get(teamRoute[1]);
        return team ? json(res, 200, team) : json(res, 404, { error: { code: 'NotFound', message: 'team' } });
      }
      return json(res, 404, { error: { code: 'NotFound', message: `${req.method} ${path}` } });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    serviceUrl: `http://127.0.0.1:${port}/`,
    sent,
    teamLookups,
    addTeam: (team) => teams.set(team.id, team),
    refuseConversation: (conversationId) => refused.add(conversationId),
    refuseTeam: (teamId) => refused.add(teamId),
    limitMessageSize: (bytes) => {
      maxMessageBytes = bytes;
    },
    reset: () => {
      sent.length = 0;
      teamLookups.length = 0;
      refused.clear();
      maxMessageBytes = Number.POSITIVE_INFINITY;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text ? JSON.parse(text) : undefined;
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(body));
}
