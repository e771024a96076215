import { randomUUID } from 'node:crypto';
import type { Activity, TurnContext } from 'botbuilder';
import type { Request, Response } from 'restify';
import { type LogFields, type Logger, withCorrelationId } from '../shared/logger';
import type { TenantPolicy } from '../shared/settings';
import { invokeError } from '../teams/invoke-answers';
import { invokeValueProblem } from '../teams/invoke-values';
import { decideTenant } from '../teams/tenant-gate';
import { checkEnvelope } from './activity-envelope';
import { authenticate } from './authenticate';
import type { GatedCloudAdapter } from './gated-adapter';
import { discardRest, type Refusal, readJsonBody, refusalFromHeaders } from './request-body';

/**
 * POST /api/messages, cheapest check first: headers, then a bounded read, then the activity's shape and
 * tenant, then the token, and only then a turn. Every refusal is a 4xx with a JSON reason and one log line;
 * nothing a client sends can make this throw, answer 5xx, or run bot code for a tenant it does not serve.
 */
export interface MessagesEndpointDeps {
  adapter: GatedCloudAdapter;
  logic: (context: TurnContext) => Promise<void>;
  logger: Logger;
  tenants: TenantPolicy;
  /** Production: a Bot Framework token is required. Local mode: anonymous, loopback clients only. */
  authRequired: boolean;
  maxBodyBytes: number;
}

export function messagesEndpoint(deps: MessagesEndpointDeps): (req: Request, res: Response) => Promise<void> {
  return async (req, res) => {
    // Every log line of this request, of its turn and of a post the turn leaves running, names it.
    const logger = withCorrelationId(deps.logger, randomUUID());
    try {
      await serve({ ...deps, logger }, req, res);
    } catch (error) {
      // A bug of ours (the turn itself has its own error handling): still a well-formed answer, once.
      logger.error('http.failed', { error: error instanceof Error ? error.name : 'unknown' });
      if (!res.headersSent)
        res.send(500, { error: { code: 'InternalError', message: 'The request failed.' } });
    }
  };
}

async function serve(deps: MessagesEndpointDeps, req: Request, res: Response): Promise<void> {
  const admitted = await admit(deps, req);
  if (!admitted.ok) return refuse(deps, req, res, admitted.refusal);
  const { activity } = admitted;

  const auth = await authenticate(deps.adapter, activity, req.headers.authorization ?? '', deps.authRequired);
  if (!auth.ok)
    return refuse(deps, req, res, {
      status: auth.status,
      body: { error: { code: auth.status === 401 ? 'Unauthorized' : 'Unavailable' } },
      event: auth.status === 401 ? 'auth.rejected' : 'auth.unavailable',
      fields: { reason: auth.reason, activityType: activity.type },
    });

  const answer = await deps.adapter.runTurn(auth.authenticated, activity, deps.logic, deps.logger);
  if (answer?.body === undefined) res.send(answer?.status ?? 200);
  else res.send(answer.status, answer.body);
}

/** A request turned away: its answer and its one log line. */
interface EndpointRefusal {
  status: number;
  body: unknown;
  event: string;
  fields: LogFields;
}

type Admission = { ok: true; activity: Activity } | { ok: false; refusal: EndpointRefusal };

/** Everything decided without a token: headers, a bounded read, the activity's shape, its tenant. */
async function admit(deps: MessagesEndpointDeps, req: Request): Promise<Admission> {
  const rules = { maxBytes: deps.maxBodyBytes, loopbackHostOnly: !deps.authRequired };
  const early = refusalFromHeaders(req, rules);
  if (early) return { ok: false, refusal: fromBodyRefusal(early) };
  const read = await readJsonBody(req, deps.maxBodyBytes);
  if (!read.ok) return { ok: false, refusal: fromBodyRefusal(read.refusal) };

  const envelope = checkEnvelope(read.body);
  if (!envelope.ok)
    return {
      ok: false,
      refusal: fromBodyRefusal({
        status: 400,
        reason: 'shape',
        message: `The activity field "${envelope.field}" is malformed: ${envelope.problem.toLowerCase()}.`,
      }),
    };
  const { type, name } = envelope.activity;
  const invokeProblem = type === 'invoke' ? invokeValueProblem(name, read.body.value) : undefined;
  if (invokeProblem) {
    // In the invoke's own answer shape, so Teams can show the message.
    const answer = invokeError(name, 400, 'BadRequest', `This request was refused: ${invokeProblem}.`);
    return {
      ok: false,
      refusal: {
        status: answer.status,
        body: answer.body,
        event: 'http.refused',
        fields: { status: 400, reason: 'invokeValue', invoke: name },
      },
    };
  }

  const tenant = decideTenant(envelope.activity, deps.tenants);
  if (!tenant.allowed)
    return {
      ok: false,
      refusal: {
        status: 403,
        body: { error: { code: 'TenantNotAllowed', message: 'This bot does not serve your organization.' } },
        event: 'tenant.refused',
        fields: { tenantId: tenant.tenantId, reason: tenant.reason, activityType: type },
      },
    };
  // botbuilder's Activity type lists fields Teams leaves out; the envelope checked the ones anything reads.
  return { ok: true, activity: withDates(read.body) as unknown as Activity };
}

function fromBodyRefusal(refusal: Refusal): EndpointRefusal {
  return {
    status: refusal.status,
    body: { error: { code: refusal.reason, message: refusal.message } },
    event: 'http.refused',
    fields: { status: refusal.status, reason: refusal.reason },
  };
}

function refuse(deps: MessagesEndpointDeps, req: Request, res: Response, refusal: EndpointRefusal): void {
  deps.logger.warn(refusal.event, refusal.fields);
  // Refused before the body was read: the client may still be uploading. It may finish (up to a bound) so it
  // reads this answer, then the connection closes.
  const unread = !req.readableEnded;
  if (unread) res.setHeader('Connection', 'close');
  res.send(refusal.status, refusal.body);
  if (unread) discardRest(req, deps.maxBodyBytes * 4);
}

const TIMESTAMP_FIELDS = [
  ['timestamp', 'rawTimestamp'],
  ['localTimestamp', 'rawLocalTimestamp'],
  ['expiration', 'rawExpiration'],
] as const;

/**
 * As botbuilder's own validateAndFixActivity: the timestamps become Dates, the raw text is kept. In place:
 * the body was parsed for this request alone and nothing else holds it, and a copy of the whole activity
 * cost ~8 µs a request under load.
 */
function withDates(activity: Record<string, unknown>): Record<string, unknown> {
  for (const [field, raw] of TIMESTAMP_FIELDS) {
    const value = activity[field];
    if (typeof value === 'string') {
      activity[raw] = value;
      activity[field] = new Date(value);
    }
  }
  return activity;
}
