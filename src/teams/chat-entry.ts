import type { TurnContext } from 'botbuilder';
import { cardAttachment } from '../cards/render';
import { renderWelcomeCard } from '../cards/welcome-card';
import { LIMITS } from '../domain/limits';
import { text as catalogText } from '../i18n/catalog';
import type { BotDeps } from './bot-deps';
import { textWithoutMention } from './message-text';
import { buildNewForm } from './new-form';
import { rememberIntent, takeIntent } from './pending-sign-in';
import { buildRecentCard } from './recent';
import { requireOffer, signInCard } from './sign-in';
import { languageOfTurn } from './turn';

type Command = (context: TurnContext, deps: BotDeps, text: string) => Promise<void>;

/**
 * Words that are commands rather than a topic. Adding a command is one line. A Map, not an object literal:
 * an object would answer "constructor" or "toString" from its prototype.
 */
// i18n-exempt: command words are what users type, the same in every language (the manifest's command menu
// sends them as they are, and the help card lists them untranslated).
const COMMANDS: ReadonlyMap<string, Command> = new Map([
  ['help', sendHelp],
  ['?', sendHelp],
  ['sign out', signOut],
  ['signout', signOut],
  ['logout', signOut],
  ['log out', signOut],
  ['recent', sendRecent],
]);

/** A chat message: a command, or the start of a draft whose topic is the text after the mention. */
export async function handleChatMessage(context: TurnContext, deps: BotDeps): Promise<void> {
  const text = textWithoutMention(context.activity);
  const command = COMMANDS.get(text.toLowerCase());
  if (command) return command(context, deps, text);
  return sendForm(context, deps, text.slice(0, LIMITS.topicMaxLength));
}

/** After a successful sign-in: carry out what the user asked for before it. */
export async function resumeAfterSignIn(context: TurnContext, deps: BotDeps): Promise<void> {
  const intent = await takeIntent(context, deps.storage);
  if (intent?.kind === 'recent') await sendRecent(context, deps);
  else if (intent) await sendForm(context, deps, intent.topic);
}

async function sendHelp(context: TurnContext): Promise<void> {
  await context.sendActivity({
    attachments: [cardAttachment(renderWelcomeCard(languageOfTurn(context), 'help'))],
  });
}

async function signOut(context: TurnContext, deps: BotDeps): Promise<void> {
  const signedOut = await deps.tokens.signOut(context);
  const key = signedOut ? 'messages.chat.signedOut' : 'messages.chat.noSignOut';
  await context.sendActivity(catalogText(languageOfTurn(context), key));
}

/** "recent": the linked group's latest conversations, or the user's groups to pick from first. */
async function sendRecent(context: TurnContext, deps: BotDeps): Promise<void> {
  const token = await deps.tokens.getToken(context);
  if (!token) {
    await rememberIntent(context, deps.storage, { kind: 'recent' });
    await context.sendActivity({
      attachments: [signInCard(await requireOffer(context, deps), languageOfTurn(context))],
    });
    return;
  }
  await context.sendActivity({ attachments: [cardAttachment(await buildRecentCard(context, deps, token))] });
}

async function sendForm(context: TurnContext, deps: BotDeps, topic: string): Promise<void> {
  const token = await deps.tokens.getToken(context);
  if (!token) {
    await rememberIntent(context, deps.storage, { kind: 'form', topic });
    await context.sendActivity({
      attachments: [signInCard(await requireOffer(context, deps), languageOfTurn(context))],
    });
    return;
  }
  const card = await buildNewForm(context, deps, token, { topic });
  await context.sendActivity({ attachments: [cardAttachment(card)] });
}
