import type { Activity } from 'botbuilder';
import { textWithoutMention } from '../../src/teams/message-text';
import { BOT } from '../support/teams-activities';

const MEGAN = { id: '29:1afe5e27208b4491e908ea640c22d55da', name: 'Megan Bowen' };

/** A channel or group-chat message as Teams posts it: every <at> span in the text has a mention entity. */
function channelMessage(
  text: string,
  mentioned: Array<{ text: string; mentioned: { id: string; name: string } }>,
) {
  return {
    type: 'message',
    text,
    textFormat: 'plain',
    recipient: BOT,
    entities: [
      { type: 'clientInfo', locale: 'en-US', country: 'US', platform: 'Web' },
      ...mentioned.map((mention) => ({ type: 'mention', ...mention })),
    ],
  } as Partial<Activity>;
}

const botMention = { text: `<at>${BOT.name}</at>`, mentioned: BOT };

describe('textWithoutMention: the user’s words, minus the bot’s own @mention', () => {
  test('the bot’s mention is removed and the rest is the text', () => {
    expect(textWithoutMention(channelMessage(`<at>${BOT.name}</at> Launch retro`, [botMention]))).toBe(
      'Launch retro',
    );
  });

  test('someone else’s mention stays in the text as their name', () => {
    const activity = channelMessage(`<at>${BOT.name}</at> Plan with <at>Megan Bowen</at>`, [
      botMention,
      { text: '<at>Megan Bowen</at>', mentioned: MEGAN },
    ]);

    expect(textWithoutMention(activity)).toBe('Plan with Megan Bowen');
  });

  test('a mention shortened to a first name keeps the name as the sender wrote it', () => {
    const activity = channelMessage(`<at>${BOT.name}</at> Ask <at>Megan</at> about Q3`, [
      botMention,
      { text: '<at>Megan</at>', mentioned: MEGAN },
    ]);

    expect(textWithoutMention(activity)).toBe('Ask Megan about Q3');
  });

  test('the bot mentioned mid-sentence is removed there', () => {
    expect(textWithoutMention(channelMessage(`Budget <at>${BOT.name}</at> review`, [botMention]))).toBe(
      'Budget review',
    );
  });

  test('a bot mention Teams split into one entity per word is removed entirely', () => {
    const activity = channelMessage('<at>Group</at> <at>Conversations</at> Offsite plan', [
      { text: '<at>Group</at>', mentioned: BOT },
      { text: '<at>Conversations</at>', mentioned: BOT },
    ]);

    expect(textWithoutMention(activity)).toBe('Offsite plan');
  });

  test('in personal chat there is no mention and the text is kept as typed', () => {
    expect(
      textWithoutMention({ type: 'message', text: 'Quarterly planning', recipient: BOT, entities: [] }),
    ).toBe('Quarterly planning');
  });

  test('HTML entities Teams puts in the text are decoded', () => {
    const activity = channelMessage(
      `<at>${BOT.name}</at>&nbsp;Q&amp;A with &lt;Sales&gt; &quot;Q3&quot; &#39;26 &apos;plan&apos; caf&#xE9; &#8364;5`,
      [botMention],
    );

    expect(textWithoutMention(activity)).toBe("Q&A with <Sales> \"Q3\" '26 'plan' café €5");
  });

  test('entities are decoded once: an encoded entity the user typed stays an entity', () => {
    expect(textWithoutMention({ type: 'message', text: 'Use &amp;lt; for <', recipient: BOT })).toBe(
      'Use &lt; for <',
    );
  });

  test('an encoded <at> the user typed is text, not a mention', () => {
    expect(
      textWithoutMention({ type: 'message', text: 'Write &lt;at&gt;Name&lt;/at&gt; to tag', recipient: BOT }),
    ).toBe('Write <at>Name</at> to tag');
  });

  test('the placeholder of a message-extension card is no words of the user', () => {
    const placeholder =
      '\n<span class="inline-compose-card" itemid="0" itemtype="http://schema.skype.com/InputExtension">\n  <span content="0" itemprop="cardId"></span>\n</span>\n';
    expect(textWithoutMention({ type: 'message', text: placeholder, recipient: BOT })).toBe('');
    expect(
      textWithoutMention({ type: 'message', text: `Have a look${placeholder}please`, recipient: BOT }),
    ).toBe('Have a look please');
  });

  test('unknown entities are left as they are', () => {
    expect(textWithoutMention({ type: 'message', text: 'R&D &copy; &#0; &bogus;', recipient: BOT })).toBe(
      'R&D &copy; &#0; &bogus;',
    );
  });
});
