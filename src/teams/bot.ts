import {
  type AdaptiveCardInvokeResponse,
  type AdaptiveCardInvokeValue,
  type InvokeResponse,
  type MessagingExtensionAction,
  type MessagingExtensionActionResponse,
  type SigninStateVerificationQuery,
  StatusCodes,
  TeamsActivityHandler,
  type TurnContext,
} from 'botbuilder';
import type { BotDeps } from './bot-deps';
import { handleCardAction } from './card-action';
import { handleChatMessage, resumeAfterSignIn } from './chat-entry';
import {
  handleFetchTask,
  handlePreviewEdit,
  handlePreviewSend,
  handleSubmitAction,
} from './message-extension';
import { answerSignInFailure, SIGN_IN_FAILURE_INVOKE } from './sign-in';
import { welcomeOnInstall } from './welcome';

/** Routes each Teams entry point to its own module; no flow logic lives here. */
export class GroupConversationsBot extends TeamsActivityHandler {
  constructor(private readonly deps: BotDeps) {
    super();
    this.onMessage(async (context, next) => {
      await handleChatMessage(context, this.deps);
      await next();
    });
    this.onMembersAdded(async (context, next) => {
      await welcomeOnInstall(context, this.deps.storage, context.activity.membersAdded ?? []);
      await next();
    });
  }

  protected override onAdaptiveCardInvoke(
    context: TurnContext,
    invokeValue: AdaptiveCardInvokeValue,
  ): Promise<AdaptiveCardInvokeResponse> {
    return handleCardAction(context, this.deps, invokeValue);
  }

  /** Reached only after TeamsSSOTokenExchangeMiddleware exchanged and deduplicated the token. */
  protected override async handleTeamsSigninTokenExchange(context: TurnContext): Promise<void> {
    await resumeAfterSignIn(context, this.deps);
  }

  /**
   * botbuilder 4.23.3 routes only `signin/verifyState` and `signin/tokenExchange` to sign-in handlers; any
   * other invoke name ends in 501. `signin/failure` has no handler to override, so this branches on that one
   * name and leaves every other invoke to botbuilder's routing.
   */
  protected override async onInvokeActivity(context: TurnContext): Promise<InvokeResponse> {
    if (context.activity.name !== SIGN_IN_FAILURE_INVOKE) return super.onInvokeActivity(context);
    await answerSignInFailure(context, this.deps);
    return { status: StatusCodes.OK };
  }

  protected override async handleTeamsSigninVerifyState(
    context: TurnContext,
    query: SigninStateVerificationQuery,
  ): Promise<void> {
    const redeemed = query.state
      ? await this.deps.tokens.redeem(context, { kind: 'magicCode', code: query.state })
      : { status: 'invalidCode' as const };
    if (redeemed.status === 'ok') return resumeAfterSignIn(context, this.deps);
    // No Teams doc defines an error answer for verifyState (botbuilder-dialogs' OAuthPrompt replies 404, with
    // no documented effect in the client): acknowledge the invoke and tell the user in the chat instead.
    this.deps.logger.warn('signin.invalid_code', { entry: context.activity.name });
    await context.sendActivity('That sign-in did not complete. Send me a message to try again.');
  }

  protected override handleTeamsMessagingExtensionFetchTask(
    context: TurnContext,
    action: MessagingExtensionAction,
  ): Promise<MessagingExtensionActionResponse> {
    return handleFetchTask(context, this.deps, action);
  }

  protected override handleTeamsMessagingExtensionSubmitAction(
    context: TurnContext,
    action: MessagingExtensionAction,
  ): Promise<MessagingExtensionActionResponse> {
    return handleSubmitAction(context, this.deps, action);
  }

  protected override handleTeamsMessagingExtensionBotMessagePreviewEdit(
    context: TurnContext,
    action: MessagingExtensionAction,
  ): Promise<MessagingExtensionActionResponse> {
    return handlePreviewEdit(context, this.deps, action);
  }

  protected override handleTeamsMessagingExtensionBotMessagePreviewSend(
    context: TurnContext,
    action: MessagingExtensionAction,
  ): Promise<MessagingExtensionActionResponse> {
    return handlePreviewSend(context, this.deps, action);
  }
}
