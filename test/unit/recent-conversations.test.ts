import type { Client } from '@microsoft/microsoft-graph-client';
import { listRecentConversations } from '../../src/graph/recent-conversations';

/** Graph documents no order and no $top for a group's conversations: the newest 10 are chosen here. */

const BASE = new URL('https://graph.example/v1.0');

function pagedClient(
  pages: Array<Array<{ id: string; lastDeliveredDateTime: string }>>,
  paths: string[],
): Client {
  return {
    api: (path: string) => ({
      get: async () => {
        paths.push(path);
        const index = paths.length - 1;
        return {
          value: pages[index].map((c) => ({ ...c, topic: c.id, preview: '' })),
          '@odata.nextLink': index + 1 < pages.length ? `${BASE.href}/next?page=${index + 1}` : undefined,
        };
      },
    }),
  } as unknown as Client;
}

const at = (day: number) => `2026-11-${String(day).padStart(2, '0')}T10:00:00Z`;

test('sorts newest first across pages, keeps the limit, and stops at the page bound', async () => {
  const paths: string[] = [];
  const pages = [
    [1, 5, 3].map((d) => ({ id: `c${d}`, lastDeliveredDateTime: at(d) })),
    [9, 2].map((d) => ({ id: `c${d}`, lastDeliveredDateTime: at(d) })),
    [20].map((d) => ({ id: `c${d}`, lastDeliveredDateTime: at(d) })),
  ];

  const found = await listRecentConversations(pagedClient(pages, paths), 'g', {
    sinceDays: 30,
    limit: 3,
    maxPages: 2,
    baseUrl: BASE,
    now: new Date('2026-11-27T12:00:00Z'),
  });

  expect(found.map((c) => c.id)).toEqual(['c9', 'c5', 'c3']);
  expect(paths).toHaveLength(2);
  expect(decodeURIComponent(paths[0])).toBe(
    '/groups/g/conversations?$filter=lastDeliveredDateTime ge 2026-10-28T12:00:00Z&$select=id,topic,lastDeliveredDateTime,preview',
  );
});
