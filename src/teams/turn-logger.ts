/** The logger of one turn: the app's logger with the turn's correlation id, kept in the turn's own state. */
import type { TurnContext } from 'botbuilder';
import type { Logger } from '../shared/logger';

const TURN_LOGGER = Symbol('turnLogger');

/** Called once, by the adapter, before any middleware sees the turn. */
export function setTurnLogger(context: TurnContext, logger: Logger): void {
  context.turnState.set(TURN_LOGGER, logger);
}

/** The turn's logger; the app's own when the turn did not come through the endpoint (tests driving the bot). */
export function turnLogger(context: TurnContext, fallback: { logger: Logger }): Logger {
  return (context.turnState.get(TURN_LOGGER) as Logger | undefined) ?? fallback.logger;
}
