import {
  type AdaptiveCardInvokeResponse,
  type AdaptiveCardInvokeValue,
  type InvokeResponse,
  type MessagingExtensionAction,
  type MessagingExtensionActionResponse,
  type MessagingExtensionQuery,
  type MessagingExtensionResponse,
  type SigninStateVerificationQuery,
  StatusCodes,
  TeamsActivityHandler,
  type TurnContext,
} from 'botbuilder';
import { type MessageKey, text } from '../i18n/catalog';
import type { BotDeps } from './bot-deps';
import { handleCardAction } from './card-action';
import { handleChatMessage, resumeAfterSignIn } from './chat-entry';
import { failedInvoke, InvokeRefusal, invokeError } from './invoke-answers';
import {
  handleFetchTask,
  handlePreviewEdit,
  handlePreviewSend,
  handleSubmitAction,
} from './message-extension';
import { handleSearchQuery } from './search-extension';
import { answerSignInFailure, SIGN_IN_FAILURE_INVOKE } from './sign-in';
import { languageOfTurn } from './turn';
import { turnLogger } from './turn-logger';
import { welcomeOnInstall } from './welcome';

/** The invokes this app answers; Teams sends others only for features the manifest does not declare. */
const SERVED_INVOKES: ReadonlySet<string> = new Set([
  'adaptiveCard/action',
  'composeExtension/fetchTask',
  'composeExtension/submitAction',
  'composeExtension/query',
  'signin/verifyState',
  'signin/tokenExchange',
  SIGN_IN_FAILURE_INVOKE,
]);

/** The manifest's message-extension commands (appPackage/manifest.json `composeExtensions[0].commands`). */
const COMMAND_IDS: ReadonlySet<string> = new Set(['startGroupConversation']);

function requireOurCommand(context: TurnContext, action: MessagingExtensionAction | null): void {
  const commandId: unknown = action?.commandId;
  if (typeof commandId !== 'string' || !COMMAND_IDS.has(commandId))
    throw new InvokeRefusal(
      context.activity.name,
      400,
      'UnknownCommand',
      said(context, 'messages.invoke.unknownCommand'),
    );
}

/** A plain text the bot says in this turn, in the turn's language. */
function said(context: TurnContext, key: MessageKey): string {
  return text(languageOfTurn(context), key);
}

/** Routes each Teams entry point to its own module; no flow logic lives here. */
export class GroupConversationsBot extends TeamsActivityHandler {
  constructor(private readonly app: BotDeps) {
    super();
    this.onMessage(async (context, next) => {
      await handleChatMessage(context, this.deps(context));
      await next();
    });
    this.onMembersAdded(async (context, next) => {
      await welcomeOnInstall(context, this.app.storage, context.activity.membersAdded ?? []);
      await next();
    });
  }

  /** The app's dependencies with this turn's logger, so every line a handler writes names the turn. */
  private deps(context: TurnContext): BotDeps {
    return { ...this.app, logger: turnLogger(context, this.app) };
  }

  protected override onAdaptiveCardInvoke(
    context: TurnContext,
    invokeValue: AdaptiveCardInvokeValue,
  ): Promise<AdaptiveCardInvokeResponse> {
    return handleCardAction(context, this.deps(context), invokeValue);
  }

  /** Reached only after TeamsSSOTokenExchangeMiddleware exchanged and deduplicated the token. */
  protected override async handleTeamsSigninTokenExchange(context: TurnContext): Promise<void> {
    await resumeAfterSignIn(context, this.deps(context));
  }

  /**
   * Every invoke goes through here, so every invoke gets a well-formed answer:
   * - a name we do not serve: 400 with a message, before any work (botbuilder would answer an empty 501);
   * - `signin/failure`: botbuilder 4.23.3 has no handler for it, so it is branched on here;
   * - a handler's InvokeRefusal: its 4xx answer; any other exception: 500 with a message, logged once;
   * - botbuilder's own bodyless 400 (e.g. an unknown `botMessagePreviewAction`): the same with a message.
   */
  protected override async onInvokeActivity(context: TurnContext): Promise<InvokeResponse> {
    const name = context.activity.name;
    if (name === undefined || !SERVED_INVOKES.has(name))
      return invokeError(name, 400, 'UnsupportedInvoke', said(context, 'messages.invoke.unsupported'));
    try {
      if (name === SIGN_IN_FAILURE_INVOKE) {
        await answerSignInFailure(context, this.deps(context));
        return { status: StatusCodes.OK };
      }
      const response = await super.onInvokeActivity(context);
      if (response.status === StatusCodes.BAD_REQUEST && response.body === undefined)
        return invokeError(name, 400, 'BadRequest', said(context, 'messages.invoke.malformed'));
      return response;
    } catch (error) {
      if (error instanceof InvokeRefusal) return error.response;
      this.deps(context).logger.error('invoke.failed', {
        invoke: name,
        error: error instanceof Error ? error.name : 'unknown',
        stack: error instanceof Error ? error.stack?.split('\n').slice(0, 4).join(' | ') : undefined,
      });
      return failedInvoke(name, languageOfTurn(context));
    }
  }

  protected override async handleTeamsSigninVerifyState(
    context: TurnContext,
    query: SigninStateVerificationQuery,
  ): Promise<void> {
    // botbuilder passes the invoke's value through unchecked: it may be null or carry a non-string state.
    const state: unknown = (query as Partial<SigninStateVerificationQuery> | null)?.state;
    const redeemed =
      typeof state === 'string' && state.length > 0
        ? await this.app.tokens.redeem(context, { kind: 'magicCode', code: state })
        : { status: 'invalidCode' as const };
    if (redeemed.status === 'ok') return resumeAfterSignIn(context, this.deps(context));
    // No Teams doc defines an error answer for verifyState (botbuilder-dialogs' OAuthPrompt replies 404, with
    // no documented effect in the client): acknowledge the invoke and tell the user in the chat instead.
    this.deps(context).logger.warn('signin.invalid_code', { entry: context.activity.name });
    await context.sendActivity(said(context, 'messages.signIn.notCompleted'));
  }

  protected override handleTeamsMessagingExtensionFetchTask(
    context: TurnContext,
    action: MessagingExtensionAction,
  ): Promise<MessagingExtensionActionResponse> {
    requireOurCommand(context, action);
    return handleFetchTask(context, this.deps(context), action);
  }

  /** Also reached by the preview's Edit and Send: botbuilder dispatches those from submitAction. */
  protected override handleTeamsMessagingExtensionSubmitActionDispatch(
    context: TurnContext,
    action: MessagingExtensionAction,
  ): Promise<MessagingExtensionActionResponse> {
    requireOurCommand(context, action);
    return super.handleTeamsMessagingExtensionSubmitActionDispatch(context, action);
  }

  protected override handleTeamsMessagingExtensionSubmitAction(
    context: TurnContext,
    action: MessagingExtensionAction,
  ): Promise<MessagingExtensionActionResponse> {
    return handleSubmitAction(context, this.deps(context), action);
  }

  protected override handleTeamsMessagingExtensionQuery(
    context: TurnContext,
    query: MessagingExtensionQuery,
  ): Promise<MessagingExtensionResponse> {
    return handleSearchQuery(context, this.deps(context), query);
  }

  protected override handleTeamsMessagingExtensionBotMessagePreviewEdit(
    context: TurnContext,
    action: MessagingExtensionAction,
  ): Promise<MessagingExtensionActionResponse> {
    return handlePreviewEdit(context, this.deps(context), action);
  }

  protected override handleTeamsMessagingExtensionBotMessagePreviewSend(
    context: TurnContext,
    action: MessagingExtensionAction,
  ): Promise<MessagingExtensionActionResponse> {
    return handlePreviewSend(context, this.deps(context), action);
  }
}
