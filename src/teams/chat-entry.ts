import type { TurnContext } from 'botbuilder';
import { ADAPTIVE_CARD_CONTENT_TYPE, cardAttachment } from '../cards/render';
import { renderWelcomeCard } from '../cards/welcome-card';
import { LIMITS } from '../domain/limits';
import { text as catalogText, type MessageKey } from '../i18n/catalog';
import { LANGUAGES } from '../i18n/language';
import type { BotDeps } from './bot-deps';
import { textWithoutMention } from './message-text';
import { buildNewForm } from './new-form';
import { rememberIntent, takeIntent } from './pending-sign-in';
import { buildRecentCard } from './recent';
import { requireOffer, signInCard } from './sign-in';
import { languageOfTurn } from './turn';

type Command = (context: TurnContext, deps: BotDeps, text: string) => Promise<void>;

/**
 * Each command with its catalog word and the aliases people type out of habit. Teams' command menu sends a
 * command's title as the message, and a German client shows the titles of appPackage/de.json (the catalog's
 * words, scripts/manifest-strings.ts), so the bot must know the localized words
 * (https://learn.microsoft.com/microsoftteams/platform/concepts/build-and-test/apps-localization#handle-localized-text-submissions-from-your-users).
 * It knows the words of every language whatever the activity's locale: a German user who types "help" out
 * of habit, or whose client sends another locale, still gets help.
 */
const COMMAND_WORDS: ReadonlyArray<{ key: MessageKey; command: Command; aliases: readonly string[] }> = [
  { key: 'messages.command.help', command: sendHelp, aliases: ['?'] },
  { key: 'messages.command.signOut', command: signOut, aliases: ['logout'] },
  { key: 'messages.command.recent', command: sendRecent, aliases: [] },
];

/**
 * Words that are commands rather than a topic, compared without case and spaces ("Sign Out", "signout",
 * "log out"). A Map, not an object literal: an object would answer "constructor" or "toString" from its
 * prototype.
 */
const COMMANDS: ReadonlyMap<string, Command> = new Map(
  COMMAND_WORDS.flatMap(({ key, command, aliases }) =>
    [...LANGUAGES.map((language) => catalogText(language, key)), ...aliases].map(
      (word) => [commandForm(word), command] as const,
    ),
  ),
);

function commandForm(text: string): string {
  return text.toLowerCase().replace(/\s+/g, '');
}

/** A chat message: a command, or the start of a draft whose topic is the text after the mention. */
export async function handleChatMessage(context: TurnContext, deps: BotDeps): Promise<void> {
  const text = textWithoutMention(context.activity);
  // A card shared into the chat with the bot (e.g. a search result) and no words: nothing was asked of it.
  if (text === '' && carriesCard(context)) return;
  const command = COMMANDS.get(commandForm(text));
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

/** The recent command: the linked group's latest conversations, or the user's groups to pick from first. */
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

/**
 * An Adaptive Card in the message itself. Not just any attachment: Teams adds a `text/html` copy of the text
 * to messages with formatting or mentions (https://github.com/MicrosoftDocs/msteams-docs/issues/3960), so a
 * bare "@Group Conversations" in a channel carries one, and asks for a form.
 */
function carriesCard(context: TurnContext): boolean {
  return (context.activity.attachments ?? []).some(
    (attachment) => attachment.contentType === ADAPTIVE_CARD_CONTENT_TYPE,
  );
}
