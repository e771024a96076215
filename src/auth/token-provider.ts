import type { TurnContext } from 'botbuilder';

/** What a client sends back after the user signed in: a Teams SSO token to exchange, or a magic code. */
export type SignInProof = { kind: 'ssoToken'; token: string } | { kind: 'magicCode'; code: string };

export type RedeemResult =
  | { status: 'ok'; token: string }
  /** The SSO token could not be exchanged (consent missing, wrong audience…): Teams must show the button. */
  | { status: 'exchangeFailed'; detail: string }
  | { status: 'invalidCode' };

/** How the user can sign in: a link, and for Teams SSO the resource the client can get a token for. */
export interface SignInOffer {
  connectionName: string;
  signInLink: string;
  tokenExchangeResource?: { id: string; uri: string; providerId?: string };
}

/**
 * The one seam through which flows get a delegated Graph token for the user of a turn. There is no
 * app-only fallback: creating group conversations only works on behalf of a signed-in user.
 */
export interface GraphTokenProvider {
  /** The user's cached token, or undefined when they must sign in first. */
  getToken(context: TurnContext): Promise<string | undefined>;
  /** Called after Graph answered 401: a different token if one can be had without the user. */
  refreshToken(context: TurnContext, rejected: string): Promise<string | undefined>;
  /** Turns what a client sent after sign-in into a token. */
  redeem(context: TurnContext, proof: SignInProof): Promise<RedeemResult>;
  /** How to sign in; undefined when this provider never needs it (the local sandbox). */
  signInOffer(context: TurnContext): Promise<SignInOffer | undefined>;
  /** False when there is no sign-in to end (the local sandbox mints a token per turn). */
  signOut(context: TurnContext): Promise<boolean>;
}
