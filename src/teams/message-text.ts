import type { Activity } from 'botbuilder';

interface MentionEntity {
  type?: string;
  mentioned?: { id?: string; name?: string };
  text?: string;
}

/**
 * Where a message holds a card from a message extension, its text has an empty placeholder span (the card
 * itself is in `attachments`): `<span itemtype="http://schema.skype.com/InputExtension" …><span
 * itemprop="cardId" …></span></span>`. It is no words of the user. Every quantifier is bounded: with `[^>]*`
 * a hostile text of many unclosed `<span ` made the match quadratic (1.7 s for 120 KB; a 1 MiB body would
 * have held the event loop for minutes), bounded it is linear (about 0.2 s for 1 MiB).
 */
const CARD_PLACEHOLDER =
  /<span\b[^>]{0,256}itemtype="http:\/\/schema\.skype\.com\/InputExtension"[^>]{0,256}>(?:\s{0,16}<span\b[^>]{0,256}>\s{0,16}<\/span>){0,4}\s{0,16}<\/span>/gi;

/**
 * The user's words without the bot's @mention (and without message-extension card placeholders). Teams puts
 * `<at>Name</at>` in the text for every mention, and a `mention` entity whose `text` is that exact span:
 * only the entities say which span is the bot (the text can be edited by the sender, the entity's
 * `mentioned.id` cannot), so only those spans are removed. Anyone else mentioned is part of what the user
 * wrote ("Plan with @Megan Bowen") and keeps the name as shown, without the tags.
 * https://learn.microsoft.com/en-us/microsoftteams/platform/bots/how-to/conversations/channel-and-group-conversations#work-with-mentions
 */
export function textWithoutMention(activity: Partial<Activity>): string {
  let text = activity.text ?? '';
  for (const entity of (activity.entities ?? []) as MentionEntity[]) {
    // Teams can split one mention of a multi-word name into an entity per word, all with the same id
    // (https://github.com/microsoft/botframework-sdk/issues/6617): every span of ours is removed.
    if (entity.type === 'mention' && entity.mentioned?.id === activity.recipient?.id && entity.text)
      text = text.split(entity.text).join(' ');
  }
  return decodeEntities(text.replace(CARD_PLACEHOLDER, ' ').replace(/<at>([^<]*)<\/at>/g, '$1'))
    .replace(/\s+/g, ' ')
    .trim();
}

const NAMED_ENTITIES: Record<string, string> = {
  nbsp: ' ',
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
};

/**
 * Teams sends message text HTML-encoded (`Q&amp;A`, `&lt;draft&gt;`, `&nbsp;` after a mention). One pass,
 * after the `<at>` tags are gone, so an encoded `&lt;at&gt;` the user typed stays text and `&amp;lt;`
 * becomes `&lt;`, not `<`.
 */
function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (entity, name: string) => {
    if (name[0] !== '#') return NAMED_ENTITIES[name.toLowerCase()] ?? entity;
    const codePoint =
      name[1] === 'x' || name[1] === 'X' ? Number.parseInt(name.slice(2), 16) : Number(name.slice(1));
    return codePoint > 0 && codePoint <= 0x10ffff ? String.fromCodePoint(codePoint) : entity;
  });
}
