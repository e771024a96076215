// Template SHA-256: d3f57e73953d211cfaf073ec9a70c0f014fe2194ce926809ef9c464a4fd21658
/** Generated from src/cards/templates/draft-status.json by scripts/compile-cards.ts (npm run cards:compile). */
// Edit the template, never this file: test/unit/compiled-cards.test.ts fails until it is regenerated.
import { equals, get, items, orPath, truthy } from '../template-runtime';

export function expandDraftStatus(root: unknown): Record<string, unknown> {
  return {
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    type: 'AdaptiveCard',
    version: '1.5',
    body: items([
      {
        type: 'TextBlock',
        text: orPath(get(root, 'headline'), 'headline'),
        weight: 'Bolder',
        wrap: true,
      },
      equals(get(root, 'situation'), 'missing')
        ? {
            type: 'TextBlock',
            text: orPath(get(get(root, 'strings'), 'missingHint'), 'strings.missingHint'),
            wrap: true,
          }
        : null,
    ]),
    actions: items([
      !truthy(get(root, 'inDialog'))
        ? {
            type: 'Action.Execute',
            title: orPath(get(get(root, 'strings'), 'startOwn'), 'strings.startOwn'),
            verb: 'newDraft',
            data: {},
          }
        : null,
    ]),
  };
}
