import {
  type AdaptiveCardInvokeResponse,
  type AdaptiveCardInvokeValue,
  TeamsActivityHandler,
  type TurnContext,
} from 'botbuilder';
import type { BotDeps } from './bot-deps';
import { handleCardAction } from './card-action';
import { handleChatMessage } from './chat-entry';
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
}
