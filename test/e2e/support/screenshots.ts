import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator } from 'playwright-core';

/**
 * Screenshots always get taken (a card that cannot be captured fails the test), but only
 * `UPDATE_SCREENSHOTS=1 npx jest test/e2e` refreshes the ones under docs/: every run differs in its time
 * and request-id, and a plain test run should not leave the work tree modified.
 */
const DIR =
  process.env.UPDATE_SCREENSHOTS === '1'
    ? join(__dirname, '..', '..', '..', 'docs', 'screenshots')
    : join(tmpdir(), 'group-conversations-screenshots');

/** Just the card, not the whole Playground: small files, and the docs show what the user acts on. */
export async function saveCardScreenshot(card: Locator, name: string): Promise<void> {
  await card.scrollIntoViewIfNeeded();
  // The pointer rests where the last click was; a button it hovers would show highlighted.
  await card.page().mouse.move(0, 0);
  await card.screenshot({ path: join(DIR, `${name}.png`), animations: 'disabled' });
}
