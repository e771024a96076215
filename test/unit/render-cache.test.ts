import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ACData from 'adaptivecards-templating';
import { renderConfirmationCard } from '../../src/cards/confirmation-card';
import type { Confirmation } from '../../src/domain/confirmation';

/** Issue #10: cards cost no template parsing at runtime; templates are compiled at build time. */

const SRC = join(__dirname, '../../src');
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

/** Every module the bot's own code names in an import or require. */
function importsUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts'))
    .flatMap((file) =>
      [...readFileSync(join(dir, file), 'utf8').matchAll(/(?:from\s+|require\()\s*'([^']+)'/g)].map(
        (match) => match[1],
      ),
    );
}

describe('card templates at runtime', () => {
  test('no module of the bot loads the templating engine, the expression language or its parser', () => {
    const imported = new Set(importsUnder(SRC));
    expect(imported.has('../template-runtime')).toBe(true);
    for (const engine of ['adaptivecards-templating', 'adaptive-expressions', 'antlr4ts'])
      expect({ engine, imported: imported.has(engine) }).toEqual({ engine, imported: false });
  });

  test('making cards parses no template: not the first card, not in another language', () => {
    const parse = jest.spyOn(ACData.Template, 'parseInterpolatedString');
    try {
      renderConfirmationCard('en', confirmation('First'));
      for (let i = 0; i < 5; i++) renderConfirmationCard('de', confirmation(`Thema ${i}`));
      expect(parse).not.toHaveBeenCalled();
    } finally {
      parse.mockRestore();
    }
  });

  test('cards made from one template are independent of each other', () => {
    const first = renderConfirmationCard('en', confirmation('one'));
    const untouched = structuredClone(first);
    const body = first.body as Array<Record<string, unknown>>;
    body[0].text = 'changed by its receiver';
    body.push({ type: 'TextBlock', text: 'added' });
    ((first.actions as Array<Record<string, unknown>>)[1].data as Record<string, unknown>).groupId = 'x';

    expect(renderConfirmationCard('en', confirmation('one'))).toEqual(untouched);
  });
});
