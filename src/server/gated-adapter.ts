import type { Activity, InvokeResponse, TurnContext } from 'botbuilder';
import { CloudAdapter } from 'botbuilder';
import type { AuthenticateRequestResult, BotFrameworkAuthentication } from 'botframework-connector';
import type { Logger } from '../shared/logger';
import { setTurnLogger } from '../teams/turn-logger';

/**
 * CloudAdapter with authentication and the turn as two steps, so the endpoint answers each failure itself.
 * CloudAdapter.process does both at once: it answers a token signed by an unknown key with 500 and the
 * error text, prints the stack to stderr, and lets a malformed body reject its promise.
 */
export class GatedCloudAdapter extends CloudAdapter {
  /** The request's logger until its turn exists; botbuilder's TurnContext keeps the activity object as is. */
  private readonly loggers = new WeakMap<Activity, Logger>();

  constructor(authentication: BotFrameworkAuthentication) {
    super(authentication);
    // First in the pipeline, so middleware and onTurnError log with the turn's correlation id too. Not
    // async: it hands the turn on as is, without a promise and a resumption of its own on every turn.
    this.use((context, next) => {
      const logger = this.loggers.get(context.activity);
      if (logger) setTurnLogger(context, logger);
      return next();
    });
  }

  authenticate(activity: Activity, authHeader: string): Promise<AuthenticateRequestResult> {
    return this.botFrameworkAuthentication.authenticateRequest(activity, authHeader);
  }

  runTurn(
    authenticated: AuthenticateRequestResult,
    activity: Activity,
    logic: (context: TurnContext) => Promise<void>,
    logger: Logger,
  ): Promise<InvokeResponse | undefined> {
    this.loggers.set(activity, logger);
    return this.processActivity(authenticated, activity, logic);
  }
}
