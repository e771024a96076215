import type { Activity, InvokeResponse, TurnContext } from 'botbuilder';
import { CloudAdapter } from 'botbuilder';
import type { AuthenticateRequestResult } from 'botframework-connector';

/**
 * CloudAdapter with authentication and the turn as two steps, so the endpoint answers each failure itself.
 * CloudAdapter.process does both at once: it answers a token signed by an unknown key with 500 and the
 * error text, prints the stack to stderr, and lets a malformed body reject its promise.
 */
export class GatedCloudAdapter extends CloudAdapter {
  authenticate(activity: Activity, authHeader: string): Promise<AuthenticateRequestResult> {
    return this.botFrameworkAuthentication.authenticateRequest(activity, authHeader);
  }

  runTurn(
    authenticated: AuthenticateRequestResult,
    activity: Activity,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<InvokeResponse | undefined> {
    return this.processActivity(authenticated, activity, logic);
  }
}
