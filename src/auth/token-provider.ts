import type { TurnContext } from 'botbuilder';

/**
 * The one seam through which flows get a delegated Graph token for the user of a turn. There is no
 * app-only fallback: creating group conversations only works on behalf of a signed-in user.
 */
export interface GraphTokenProvider {
  /** The user's token, or undefined when they must sign in first. */
  getToken(context: TurnContext): Promise<string | undefined>;
  /** Called after Graph answered 401: a fresh token if one can be had without the user. */
  refreshToken(context: TurnContext): Promise<string | undefined>;
}
