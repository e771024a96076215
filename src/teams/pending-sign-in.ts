import type { Storage, TurnContext } from 'botbuilder';
import { oneStoreItem } from '../storage/store-items';
import { userKeyOf } from './turn';

/** What the user was doing when they had to sign in, so they land there afterwards. */
export type PendingChatIntent = { kind: 'form'; topic: string } | { kind: 'recent' };

function keyOf(context: TurnContext): string {
  return `signin-pending/${context.activity.conversation.id}/${userKeyOf(context)}`;
}

export async function rememberIntent(
  context: TurnContext,
  storage: Storage,
  intent: PendingChatIntent,
): Promise<void> {
  await storage.write(oneStoreItem(keyOf(context), { ...intent, eTag: '*' }));
}

export async function takeIntent(
  context: TurnContext,
  storage: Storage,
): Promise<PendingChatIntent | undefined> {
  const key = keyOf(context);
  const items = await storage.read([key]);
  const intent = items[key] as PendingChatIntent | undefined;
  if (intent) await storage.delete([key]);
  return intent;
}
