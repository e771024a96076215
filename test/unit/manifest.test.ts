import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { localizationErrors, type Manifest as PackageManifest } from '../../scripts/app-package';
import { localizableStrings } from '../../scripts/manifest-strings';
import { type BotHarness, startBotHarness } from '../support/bot-harness';
import { messageActivity, PERSONAL, type Scope } from '../support/teams-activities';

const APP_PACKAGE = join(__dirname, '..', '..', 'appPackage');
// biome-ignore lint/suspicious/noTemplateCurlyInString: literal ${...} text is the input under test
const BOT_ID = '${{BOT_ID}}';
// biome-ignore lint/suspicious/noTemplateCurlyInString: literal ${...} text is the input under test
const TEAMS_APP_ID = '${{TEAMS_APP_ID}}';
// biome-ignore lint/suspicious/noTemplateCurlyInString: literal ${...} text is the input under test
const BOT_DOMAIN = '${{BOT_DOMAIN}}';

interface Command {
  title: string;
  description: string;
}
interface Manifest {
  $schema: string;
  manifestVersion: string;
  version: string;
  id: string;
  developer: { name: string; websiteUrl: string; privacyUrl: string; termsOfUseUrl: string };
  name: { short: string; full: string };
  description: { short: string; full: string };
  icons: { color: string; outline: string };
  accentColor: string;
  bots: Array<{
    botId: string;
    scopes: string[];
    supportsFiles: boolean;
    commandLists: Array<{ scopes: string[]; commands: Command[] }>;
  }>;
  composeExtensions: Array<{
    botId: string;
    commands: Array<{
      id: string;
      type: string;
      title: string;
      description: string;
      context: string[];
      fetchTask: boolean;
      initialRun?: boolean;
      parameters: Array<{ name: string; title: string; description: string; inputType: string }>;
    }>;
  }>;
  localizationInfo: {
    defaultLanguageTag: string;
    additionalLanguages: Array<{ languageTag: string; file: string }>;
  };
  permissions: string[];
  validDomains: string[];
  webApplicationInfo: { id: string; resource: string };
}

const manifest = JSON.parse(readFileSync(join(APP_PACKAGE, 'manifest.json'), 'utf8')) as Manifest;

/** Width, height, colour type and decoded RGBA rows of a PNG, read from its IHDR and IDAT chunks. */
function readPng(file: string): { width: number; height: number; colorType: number; pixels: Buffer } {
  const bytes = readFileSync(join(APP_PACKAGE, file));
  expect(bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  expect(bytes.toString('ascii', 12, 16)).toBe('IHDR');
  const width = bytes.readUInt32BE(16);
  const height = bytes.readUInt32BE(20);
  const colorType = bytes[25];
  const idat: Buffer[] = [];
  for (let offset = 8; offset < bytes.length; ) {
    const length = bytes.readUInt32BE(offset);
    if (bytes.toString('ascii', offset + 4, offset + 8) === 'IDAT')
      idat.push(bytes.subarray(offset + 8, offset + 8 + length));
    offset += 12 + length;
  }
  return { width, height, colorType, pixels: inflateSync(Buffer.concat(idat)) };
}

describe('app package manifest', () => {
  test('declares schema v1.30 consistently', () => {
    expect(manifest.$schema).toBe(
      'https://developer.microsoft.com/en-us/json-schemas/teams/v1.30/MicrosoftTeams.schema.json',
    );
    expect(manifest.manifestVersion).toBe('1.30');
    expect(manifest.version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(manifest.accentColor).toMatch(/^#[0-9A-Fa-f]{6}$/);
  });

  test('uses the Agents Toolkit placeholders: the Teams app id, the bot id (also for SSO) and the bot domain', () => {
    expect(manifest.id).toBe(TEAMS_APP_ID);
    expect(manifest.bots.map((bot) => bot.botId)).toEqual([BOT_ID]);
    expect(manifest.composeExtensions.map((extension) => extension.botId)).toEqual([BOT_ID]);
    // Must equal the Entra app's Application ID URI (infra/aad.manifest.json) for Teams SSO.
    expect(manifest.webApplicationInfo).toEqual({ id: BOT_ID, resource: `api://botid-${BOT_ID}` });
    expect(manifest.validDomains[0]).toBe(BOT_DOMAIN);
    // No other placeholder that a deployment would have to know about.
    const placeholders = new Set(
      readFileSync(join(APP_PACKAGE, 'manifest.json'), 'utf8').match(/\$\{\{[^}]*\}\}/g),
    );
    expect([...placeholders].sort()).toEqual([BOT_DOMAIN, BOT_ID, TEAMS_APP_ID]);
  });

  test('the bot works in personal chat, teams and group chats, without files', () => {
    const [bot] = manifest.bots;
    expect(bot.scopes).toEqual(['personal', 'team', 'groupChat']);
    expect(bot.supportsFiles).toBe(false);
    expect(bot.commandLists.flatMap((list) => list.commands.map((command) => command.title))).toEqual([
      'help',
      'sign out',
      'recent',
    ]);
    for (const list of bot.commandLists) for (const scope of list.scopes) expect(bot.scopes).toContain(scope);
  });

  // No commandBox for the action: an action answered with botMessagePreview is not supported from the command
  // box. The search command works from both, and runs once on opening (initialRun) to list recent ones.
  test('the message extension has the action command (a dialog) and the search command', () => {
    const commands = manifest.composeExtensions.flatMap((extension) => extension.commands);
    expect(commands).toEqual([
      expect.objectContaining({
        id: 'startGroupConversation',
        type: 'action',
        fetchTask: true,
        context: ['compose', 'message'],
      }),
      expect.objectContaining({
        id: 'searchConversations',
        type: 'query',
        initialRun: true,
        context: ['compose', 'commandBox'],
        parameters: [expect.objectContaining({ name: 'searchText', inputType: 'text' })],
      }),
    ]);
  });

  test('SSO and sign-in domains are valid, permissions are known', () => {
    expect(manifest.validDomains).toContain('token.botframework.com');
    for (const domain of manifest.validDomains) expect(domain).not.toMatch(/^https?:|\/|\s/);
    expect(manifest.validDomains).toHaveLength(new Set(manifest.validDomains).size);
    for (const permission of manifest.permissions)
      expect(['identity', 'messageTeamMembers']).toContain(permission);
    for (const url of Object.values(manifest.developer).slice(1)) expect(url).toMatch(/^https:\/\//);
  });

  test('strings respect the Teams length limits', () => {
    expect(manifest.name.short.length).toBeLessThanOrEqual(30);
    expect(manifest.name.full.length).toBeLessThanOrEqual(100);
    expect(manifest.description.short.length).toBeLessThanOrEqual(80);
    expect(manifest.description.full.length).toBeLessThanOrEqual(4000);
    expect(manifest.developer.name.length).toBeLessThanOrEqual(32);
    for (const command of manifest.bots.flatMap((bot) => bot.commandLists.flatMap((list) => list.commands))) {
      expect(command.title.length).toBeLessThanOrEqual(32);
      expect(command.description.length).toBeLessThanOrEqual(128);
    }
    for (const command of manifest.composeExtensions.flatMap((extension) => extension.commands)) {
      expect(command.id.length).toBeLessThanOrEqual(64);
      expect(command.title.length).toBeLessThanOrEqual(32);
      expect(command.description.length).toBeLessThanOrEqual(128);
      for (const parameter of command.parameters) {
        expect(parameter.title.length).toBeLessThanOrEqual(32);
        expect(parameter.description.length).toBeLessThanOrEqual(128);
      }
    }
  });

  test('color.png is a 192×192 full-colour PNG', () => {
    expect(manifest.icons.color).toBe('color.png');
    const png = readPng('color.png');
    expect([png.width, png.height]).toEqual([192, 192]);
    expect(png.colorType === 2 || png.colorType === 6).toBe(true);
  });

  test('outline.png is a 32×32 PNG, white on transparent', () => {
    expect(manifest.icons.outline).toBe('outline.png');
    const png = readPng('outline.png');
    expect([png.width, png.height, png.colorType]).toEqual([32, 32, 6]);
    let white = 0;
    for (let y = 0; y < 32; y++) {
      const row = y * (32 * 4 + 1);
      expect(png.pixels[row]).toBe(0); // unfiltered rows, so the bytes are the pixels
      for (let x = 0; x < 32; x++) {
        const [r, g, b, a] = png.pixels.subarray(row + 1 + x * 4, row + 5 + x * 4);
        if (a === 0) continue;
        expect([r, g, b]).toEqual([255, 255, 255]);
        white += 1;
      }
    }
    expect(white).toBeGreaterThan(100);
  });
});

/**
 * The manifest's own strings in German (issue #12 item 4): the localization file Teams picks for a German
 * client, in the official format, with an entry for every string the manifest shows.
 * https://learn.microsoft.com/microsoftteams/platform/concepts/build-and-test/apps-localization
 */
describe('manifest localization', () => {
  const german = JSON.parse(readFileSync(join(APP_PACKAGE, 'de.json'), 'utf8')) as Record<string, string>;

  const localizable = () => localizableStrings(manifest as unknown as PackageManifest);

  test('English is the manifest’s own language, German is in de.json for every German client', () => {
    // A language tag without region: Teams falls back from de-DE, de-AT or de-CH to "de".
    expect(manifest.localizationInfo).toEqual({
      defaultLanguageTag: 'en-us',
      additionalLanguages: [{ languageTag: 'de', file: 'de.json' }],
    });
  });

  test('de.json is valid against the official localization schema of the manifest’s version', async () => {
    expect(await localizationErrors(german, manifest.manifestVersion)).toEqual([]);
  });

  test('the schema check is real: an unknown key, a too long title and another version are reported', async () => {
    const broken = {
      ...german,
      $schema:
        'https://developer.microsoft.com/en-us/json-schemas/teams/v1.29/MicrosoftTeams.Localization.schema.json',
      'name.colour': 'Blau',
      'composeExtensions[0].commands[1].title': 'Eine Gruppenunterhaltung in Microsoft 365 finden',
    };
    const errors = (await localizationErrors(broken, manifest.manifestVersion)).join('\n');
    expect(errors).toMatch(/must NOT have additional properties/);
    expect(errors).toMatch(/commands\[1\]\.title must NOT have more than 32 characters/);
    expect(errors).toMatch(/\/\$schema must be .*v1\.30/);
  });

  test('every string the manifest shows has its German entry, and nothing else is there', () => {
    const strings = localizable();
    const { $schema: _schema, ...entries } = german;
    expect(Object.keys(entries).sort()).toEqual([...strings.keys()].sort());
    for (const value of Object.values(entries)) expect(value.trim()).not.toBe('');
  });

  test('German is German: only the product name stays as in English, the command menu has German words', () => {
    const unchanged = new Set(['name.short']);
    for (const [key, english] of localizable())
      if (unchanged.has(key)) expect(german[key]).toBe(english);
      else expect({ key, german: german[key] }).not.toEqual({ key, german: english });
    // The menu sends a command's title as the message; the bot knows these words (src/teams/chat-entry.ts).
    expect([0, 1, 2].map((command) => german[`bots[0].commandLists[0].commands[${command}].title`])).toEqual([
      'hilfe',
      'abmelden',
      'neueste',
    ]);
  });
});

describe('every command the manifest advertises is handled by the bot', () => {
  let bot: BotHarness;
  beforeAll(async () => {
    bot = await startBotHarness();
  });
  afterAll(() => bot?.close());
  beforeEach(() => bot.reset());

  /** Sends the command as Teams would and returns the cards of the bot's replies. */
  async function send(text: string, scope: Scope): Promise<Array<Record<string, unknown>>> {
    const response = await bot.post(messageActivity(bot.connector.serviceUrl, text, scope));
    expect(response.status).toBe(200);
    return bot.connector.sent.map(
      (sent) =>
        (sent.activity.attachments?.[0]?.content ?? { text: sent.activity.text }) as Record<string, unknown>,
    );
  }

  /** A reply is a form if it has a topic input: a command must not be taken for a topic. */
  function isForm(card: Record<string, unknown>): boolean {
    return JSON.stringify(card).includes('"id":"topic"');
  }

  test.each([PERSONAL, { kind: 'channel' } as Scope])(
    '"help" answers with the help card ($kind)',
    async (scope) => {
      const replies = await send('help', scope);
      expect(replies).toHaveLength(1);
      expect(isForm(replies[0])).toBe(false);
      expect(JSON.stringify(replies[0])).toContain('What I can do');
    },
  );

  test.each([PERSONAL, { kind: 'channel' } as Scope])(
    '"sign out" signs the user out instead of opening a form titled "sign out" ($kind)',
    async (scope) => {
      const replies = await send('sign out', scope);
      expect(replies.length).toBeGreaterThan(0);
      for (const reply of replies) expect(isForm(reply)).toBe(false);
    },
  );

  test.each([PERSONAL, { kind: 'channel' } as Scope])(
    '"recent" lists recent conversations instead of opening a form titled "recent" ($kind)',
    async (scope) => {
      const replies = await send('recent', scope);
      expect(replies).toHaveLength(1);
      expect(isForm(replies[0])).toBe(false);
      expect(JSON.stringify(replies[0])).toContain('Recent conversations');
    },
  );

  test('the search command answers its initial run with results or a message', async () => {
    const message = messageActivity(bot.connector.serviceUrl, '', { kind: 'channel' });
    const response = await bot.post({
      ...message,
      type: 'invoke',
      name: 'composeExtension/query',
      text: undefined,
      value: {
        commandId: 'searchConversations',
        parameters: [{ name: 'initialRun', value: 'true' }],
        queryOptions: { skip: 0, count: 25 },
      },
    });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      composeExtension: { type: expect.stringMatching(/^(result|message)$/) },
    });
  });

  test('the message extension command answers its fetchTask with a dialog', async () => {
    const message = messageActivity(bot.connector.serviceUrl, '', { kind: 'channel' });
    const response = await bot.post({
      ...message,
      type: 'invoke',
      name: 'composeExtension/fetchTask',
      text: undefined,
      value: {
        commandId: 'startGroupConversation',
        commandContext: 'compose',
        context: { theme: 'default' },
      },
    });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ task: { type: expect.stringMatching(/^(continue|message)$/) } });
  });
});
