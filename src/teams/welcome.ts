import type { ChannelAccount, Storage, TurnContext } from 'botbuilder';
import { cardAttachment } from '../cards/render';
import { renderWelcomeCard } from '../cards/welcome-card';
import { oneStoreItem } from '../storage/store-items';
import { languageOfTurn } from './turn';

/**
 * Greets a conversation when the bot is installed in it. Teams can replay the install event (reinstall,
 * client retries), so the greeting is remembered per conversation.
 */
export async function welcomeOnInstall(
  context: TurnContext,
  storage: Storage,
  membersAdded: ChannelAccount[],
): Promise<void> {
  const botWasAdded = membersAdded.some((member) => member.id === context.activity.recipient.id);
  if (!botWasAdded) return;
  const key = `welcomed/${context.activity.conversation.id}`;
  const seen = await storage.read([key]);
  if (seen[key]) return;
  await storage.write(oneStoreItem(key, { at: new Date().toISOString() }));
  await context.sendActivity({
    attachments: [cardAttachment(renderWelcomeCard(languageOfTurn(context), 'welcome'))],
  });
}
