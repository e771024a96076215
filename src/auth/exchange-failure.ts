import { ActivityTypes, type TurnContext } from 'botbuilder';

/**
 * Teams could not get our token from its SSO token: answering the invoke 412 with
 * {id, connectionName, failureDetail} makes it fall back to the sign-in button or link. Sent as the turn's
 * invoke response, so botbuilder ignores whatever the handler returns afterwards.
 */
export async function answerExchangeFailure(
  context: TurnContext,
  failure: { id?: string; connectionName: string; failureDetail: string },
): Promise<void> {
  await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status: 412, body: failure } });
}
