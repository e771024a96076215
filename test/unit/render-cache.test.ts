import * as ACData from 'adaptivecards-templating';
import { renderConfirmationCard } from '../../src/cards/confirmation-card';
import { renderCard } from '../../src/cards/render';
import type { Confirmation } from '../../src/domain/confirmation';

const FALCON = { id: 'a7c5d3e1-2b4f-4c6a-8e0d-9f1b3c5e7a90', displayName: 'Project Falcon' };

function confirmation(topic: string): Confirmation {
  return {
    draftId: '6f1c2b9e-3d4a-4e5f-8a7b-1c2d3e4f5a6b',
    conversationId: 'AAQkA1',
    threadId: 'AAQkA2',
    topic,
    groupId: FALCON.id,
    groupName: FALCON.displayName,
    participants: [],
    createdAt: '2025-01-01T10:00:00.000Z',
    startedBy: 'Alex Wilber',
    preview: 'Hello',
  };
}

describe('card templates', () => {
  test('are parsed once: making more cards from a template parses no expression again', () => {
    const parse = jest.spyOn(ACData.Template, 'parseInterpolatedString');
    try {
      renderConfirmationCard('en', confirmation('First'));
      const afterFirst = parse.mock.calls.length;
      expect(afterFirst).toBeGreaterThan(0);

      for (let i = 0; i < 5; i++) renderConfirmationCard('en', confirmation(`Topic ${i}`));
      // A language is data, not another template: German cards parse nothing either.
      for (let i = 0; i < 5; i++) renderConfirmationCard('de', confirmation(`Thema ${i}`));

      expect(parse.mock.calls.length).toBe(afterFirst);
    } finally {
      parse.mockRestore();
    }
  });

  test('cards made from one parsed template are independent of each other and leave the template as it was', () => {
    const template = {
      type: 'AdaptiveCard',
      version: '1.5',
      body: [
        // biome-ignore lint/suspicious/noTemplateCurlyInString: template text
        { type: 'TextBlock', text: '${text}' },
        // biome-ignore lint/suspicious/noTemplateCurlyInString: template text
        { type: 'TextBlock', $when: '${show}', text: 'shown' },
      ],
    };
    const original = structuredClone(template);

    const first = renderCard(template, { text: 'one', show: true });
    const firstBody = first.body as Array<Record<string, unknown>>;
    firstBody[0].text = 'changed by its receiver';
    firstBody.push({ type: 'TextBlock', text: 'added' });
    const second = renderCard(template, { text: 'two', show: false });
    // biome-ignore lint/suspicious/noTemplateCurlyInString: user text that looks like an expression
    const third = renderCard(template, { text: '${show} typed by a user', show: true });

    expect(second.body).toEqual([{ type: 'TextBlock', text: 'two' }]);
    expect(third.body).toEqual([
      // biome-ignore lint/suspicious/noTemplateCurlyInString: user text that looks like an expression
      { type: 'TextBlock', text: '${show} typed by a user' },
      { type: 'TextBlock', text: 'shown' },
    ]);
    expect(template).toEqual(original);
  });
});
