import type { Activity } from 'botbuilder';

/**
 * The user's words without the bot's @mention. Teams puts `<at>Bot</at>` in the text of channel messages;
 * the mention entity tells which span is ours, so only that one is removed.
 */
export function textWithoutMention(activity: Partial<Activity>): string {
  let text = activity.text ?? '';
  for (const entity of activity.entities ?? []) {
    const mention = entity as { type?: string; mentioned?: { id?: string }; text?: string };
    if (mention.type === 'mention' && mention.mentioned?.id === activity.recipient?.id && mention.text)
      text = text.split(mention.text).join(' ');
  }
  return text
    .replace(/<at>[^<]*<\/at>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}
