import { existsSync } from 'node:fs';
import { type Browser, chromium, type Page } from 'playwright-core';

const CHROMIUM = '/usr/bin/chromium';

/** Flags that keep headless Chromium from phoning home or needing a GPU on a CI box. */
const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** Fails (never skips) without Chromium: CI must not go green with the browser suite silently missing. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM))
    throw new Error(
      `Chromium not found at ${CHROMIUM}: the browser e2e tests need it. Run: apt-get update && apt-get install -y chromium`,
    );
  return chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true });
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
