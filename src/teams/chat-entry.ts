import type { TurnContext } from 'botbuilder';
import { cardAttachment } from '../cards/render';
import { renderWelcomeCard } from '../cards/welcome-card';
import { LIMITS } from '../domain/limits';
import type { BotDeps } from './bot-deps';
import { textWithoutMention } from './message-text';
import { buildNewForm } from './new-form';

type Command = (context: TurnContext, deps: BotDeps, text: string) => Promise<void>;

/** Words that are commands rather than a topic. Adding a command is one line. */
const COMMANDS: Record<string, Command> = {
  help: sendHelp,
  '?': sendHelp,
};

/** A chat message: a command, or the start of a draft whose topic is the text after the mention. */
export async function handleChatMessage(context: TurnContext, deps: BotDeps): Promise<void> {
  const text = textWithoutMention(context.activity);
  const command = COMMANDS[text.toLowerCase()];
  if (command) return command(context, deps, text);
  return sendForm(context, deps, text);
}

async function sendHelp(context: TurnContext): Promise<void> {
  await context.sendActivity({ attachments: [cardAttachment(renderWelcomeCard('help'))] });
}

async function sendForm(context: TurnContext, deps: BotDeps, text: string): Promise<void> {
  const token = await deps.tokens.getToken(context);
  if (!token) return;
  const topic = text.slice(0, LIMITS.topicMaxLength);
  const card = await buildNewForm(context, deps, token, { topic });
  await context.sendActivity({ attachments: [cardAttachment(card)] });
}
