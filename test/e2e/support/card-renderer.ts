import { readFile } from 'node:fs/promises';
import type { Browser } from 'playwright-core';
import { loopbackOnlyPage } from './browser';
import { saveCardScreenshot } from './screenshots';

/**
 * Screenshots of cards the bot really answered but the Playground cannot show (search results, see
 * docs/local-playground.md), rendered by the Adaptive Cards JavaScript SDK (`adaptivecards`, the renderer the
 * Playground itself bundles) in headless Chromium. No markdown processor is attached: text shows as sent, so
 * cards rendered here should carry no markup or escapes.
 */

/**
 * Close to Teams' light theme, so these images sit well beside the Playground's: Segoe UI (or the system
 * font), Teams' colours for text, "good" and "attention", and its card padding.
 */
const HOST_CONFIG = {
  fontFamily: '"Segoe UI", system-ui, sans-serif',
  spacing: { small: 4, default: 8, medium: 16, large: 20, extraLarge: 24, padding: 16 },
  containerStyles: {
    default: {
      backgroundColor: '#FFFFFF',
      foregroundColors: {
        default: { default: '#242424', subtle: '#616161' },
        accent: { default: '#5B5FC7', subtle: '#6264A7' },
        good: { default: '#92C353', subtle: '#92C353' },
        attention: { default: '#C4314B', subtle: '#C4314B' },
        warning: { default: '#835B00', subtle: '#835B00' },
      },
    },
    emphasis: {
      backgroundColor: '#F5F5F5',
      foregroundColors: {
        default: { default: '#242424', subtle: '#616161' },
      },
    },
  },
  actions: { actionsOrientation: 'horizontal', buttonSpacing: 8, maxActions: 6, spacing: 'default' },
};

/** Card width in the Playground's chat, so these screenshots match the ones taken there. */
const CARD_WIDTH_PX = 446;

/** The little of the page the in-page script touches, typed here: the project's tsconfig has no DOM lib. */
interface PageNode {
  style: { cssText: string };
  appendChild(child: PageNode): void;
}

interface PageGlobals {
  document: { getElementById(id: string): PageNode | null; createElement(tag: string): PageNode };
  AdaptiveCards: {
    AdaptiveCard: new () => {
      hostConfig: unknown;
      parse(json: unknown): void;
      render(): PageNode | undefined;
    };
    HostConfig: new (json: unknown) => unknown;
  };
}

/** Renders `cards` one under the other and saves them as one screenshot named `name`. */
export async function saveRenderedCardsScreenshot(
  browser: Browser,
  cards: readonly unknown[],
  name: string,
): Promise<void> {
  const page = await loopbackOnlyPage(browser);
  try {
    await page.setContent(
      `<!doctype html><html><body style="margin:0;background:#F5F5F5"><div id="cards" style="display:flex;flex-direction:column;gap:12px;padding:12px;width:${CARD_WIDTH_PX}px"></div></body></html>`,
    );
    await page.addStyleTag({
      content: await readFile(require.resolve('adaptivecards/dist/adaptivecards.css'), 'utf8'),
    });
    await page.addScriptTag({
      content: await readFile(require.resolve('adaptivecards/dist/adaptivecards.js'), 'utf8'),
    });
    const rendered = await page.evaluate(
      ([json, hostConfig]) => {
        const { AdaptiveCards, document } = globalThis as unknown as PageGlobals;
        const list = document.getElementById('cards');
        if (!list) return false;
        for (const card of json) {
          const adaptiveCard = new AdaptiveCards.AdaptiveCard();
          adaptiveCard.hostConfig = new AdaptiveCards.HostConfig(hostConfig);
          adaptiveCard.parse(card);
          const element = adaptiveCard.render();
          if (!element) return false;
          const frame = document.createElement('div');
          frame.style.cssText = 'border-radius:4px;box-shadow:0 1px 2px rgba(0,0,0,.14);overflow:hidden';
          frame.appendChild(element);
          list.appendChild(frame);
        }
        return true;
      },
      [cards, HOST_CONFIG] as const,
    );
    if (!rendered) throw new Error(`The adaptivecards renderer refused a card for ${name}.`);
    await saveCardScreenshot(page.locator('#cards'), name);
  } finally {
    await page.close();
  }
}
