import type { OAuthCard } from 'botbuilder';
import type { Browser, Locator, Page } from 'playwright-core';
import { DEMO_TENANT } from '../../sandbox/demo-tenant';
import { mintSandboxToken } from '../../sandbox/tokens';
import { signInCard } from '../../src/teams/sign-in';
import { teamsUserId } from '../support/teams-activities';
import { Teardown } from '../support/teardown';
import { startTokenService, type TokenService } from '../support/token-service';
import { launchChromium, loopbackOnlyPage } from './support/browser';
import { type LocalStack, startLocalStack } from './support/local-stack';
import { CardView, PlaygroundPage } from './support/playground-page';
import { saveCardScreenshot } from './support/screenshots';

/**
 * Sign-in through the real Playground UI: the bot in local mode, but with an OAuth connection whose token
 * service is the local stand-in, so it has no Graph token until the user signs in. The Playground cannot do
 * Teams SSO or the token service's sign-in page, so the sign-in itself is simulated by granting the token the
 * service would hold afterwards.
 */

const CONNECTION = 'GraphConnection';
const ALEX = DEMO_TENANT.users.alex;
const MARKETING = DEMO_TENANT.groups.marketing;
/** The card's text, from the bot's own sign-in card rather than a copy that could drift. */
const SIGN_IN_TEXT = (signInCard({ connectionName: CONNECTION, signInLink: '' }, 'en').content as OAuthCard)
  .text;
const TIMEOUT_MS = 60_000;

let tokenService: TokenService;
let stack: LocalStack;
let browser: Browser;
let page: Page;

const teardown = new Teardown();

beforeAll(async () => {
  tokenService = teardown.add(await startTokenService(), (service) => service.close());
  [stack, browser] = await Promise.all([
    teardown.track(
      startLocalStack({ sso: { connectionName: CONNECTION, tokenServiceUrl: tokenService.url } }),
      (started) => started.close(),
    ),
    teardown.track(launchChromium(), (launched) => launched.close()),
  ]);
  page = await loopbackOnlyPage(browser);
}, TIMEOUT_MS);

afterAll(() => teardown.run(), TIMEOUT_MS);

test(
  'personal chat without a token: the sign-in card, then after signing in the form with the user’s groups',
  async () => {
    const playground = new PlaygroundPage(page);
    await playground.open(stack.playground.url);

    const signIn = new CardView(await playground.sendExpecting('Spring launch', SIGN_IN_TEXT));
    await expectVisible(signIn.button('Sign in'));
    await saveCardScreenshot(signIn.card, 'sign-in');
    expect(await signIn.topic().count()).toBe(0);

    // The bot looked for the user's token, found none, and built the card from the connection's sign-in resource.
    const lookups = tokenService.requests.filter((r) => r.path === '/api/usertoken/GetToken');
    expect(lookups.map((r) => ({ status: r.status, connectionName: r.query.connectionName }))).toEqual([
      { status: 404, connectionName: CONNECTION },
    ]);
    expect(tokenService.count('/api/botsignin/GetSignInResource')).toBe(1);
    expect(tokenService.signInStates[0]).toMatchObject({ connectionName: CONNECTION });
    // The Playground's user is currentUser in .m365agentsplayground.yml: Alex's Teams id.
    const userId = lookups[0].query.userId;
    expect(userId).toBe(teamsUserId(ALEX));

    // What the token service holds once Alex has signed in with the button.
    tokenService.grantToken(userId, CONNECTION, mintSandboxToken({ oid: ALEX.id }));

    const form = new CardView(await playground.send('Spring launch'));
    await expectVisible(form.text('Start a group conversation'));
    expect(await form.topic().inputValue()).toBe('Spring launch');
    // The group list came from Graph with the granted token.
    await form.card.getByPlaceholder('Choose a group').click();
    await expectVisible(page.getByRole('option', { name: MARKETING.displayName }));
    expect(tokenService.requests.at(-1)).toMatchObject({
      path: '/api/usertoken/GetToken',
      query: { userId, connectionName: CONNECTION },
      status: 200,
    });
  },
  TIMEOUT_MS,
);

async function expectVisible(locator: Locator): Promise<void> {
  await locator.first().waitFor({ state: 'visible', timeout: 15_000 });
}
