import { type Browser, chromium, type Page } from 'playwright-core';
import { resolveChromium } from './chromium';

/** Flags that keep headless Chromium from phoning home or needing a GPU on a CI box. */
const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/**
 * Fails (never skips) when no Chromium can be found: CI must not go green with the browser suite silently
 * missing. See ./chromium.ts for where it comes from.
 */
export async function launchChromium(): Promise<Browser> {
  const found = await resolveChromium();
  return chromium.launch({
    executablePath: found.executablePath,
    args: [...new Set([...found.args, ...ARGS])],
    env: { ...process.env, ...found.env },
    headless: true,
  });
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * A page that can only reach this machine: the Playground pulls fonts and animations from Microsoft's CDN,
 * which would make the run depend on (and wait for) the network.
 */
export async function loopbackOnlyPage(browser: Browser): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1 });
  await page.route('**/*', (route) => {
    const url = new URL(route.request().url());
    const local = url.protocol === 'data:' || url.protocol === 'blob:' || LOOPBACK_HOSTS.has(url.hostname);
    return local ? route.continue() : route.abort('blockedbyclient');
  });
  return page;
}
