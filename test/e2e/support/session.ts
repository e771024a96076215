import type { Browser, Page } from 'playwright-core';
import { Teardown } from '../../support/teardown';
import { launchChromium, loopbackOnlyPage } from './browser';
import { type LocalStack, startLocalStack } from './local-stack';
import { PlaygroundPage } from './playground-page';

/** One stack and one Chromium per test file; a fresh page on a reset sandbox per test. */
export interface PlaygroundSession {
  stack: LocalStack;
  browser: Browser;
  page: Page;
  playground: PlaygroundPage;
}

/** Registers the file's hooks; the session's fields are filled by the time a test runs. */
export function usePlaygroundSession(timeoutMs: number): PlaygroundSession {
  const session: Partial<PlaygroundSession> = {};
  const teardown = new Teardown();
  beforeAll(async () => {
    // Both start together; if the browser cannot launch, the stack that did start is still closed.
    [session.stack, session.browser] = await Promise.all([
      teardown.track(startLocalStack(), (stack) => stack.close()),
      teardown.track(launchChromium(), (browser) => browser.close()),
    ]);
  }, timeoutMs);
  afterAll(() => teardown.run(), timeoutMs);
  beforeEach(async () => {
    await fetch(`${session.stack?.sandboxOrigin}/_sandbox/reset`, { method: 'POST' });
    session.page = await loopbackOnlyPage(session.browser as Browser);
    session.playground = new PlaygroundPage(session.page);
    await session.playground.open(session.stack?.playground.url ?? '');
  }, timeoutMs);
  afterEach(async () => {
    await session.page?.close();
  });
  return session as PlaygroundSession;
}
