import {
  type AdaptiveCardInvokeResponse,
  type AdaptiveCardInvokeValue,
  type MessagingExtensionAction,
  type MessagingExtensionActionResponse,
  type SigninStateVerificationQuery,
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

  protected override async handleTeamsSigninVerifyState(
    context: TurnContext,
    query: SigninStateVerificationQuery,
  ): Promise<void> {
    const redeemed = query.state
      ? await this.deps.tokens.redeem(context, { kind: 'magicCode', code: query.state })
      : { status: 'invalidCode' as const };
    if (redeemed.status === 'ok') return resumeAfterSignIn(context, this.deps);
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
    return handlePreviewSend(context, action);
  }
}
