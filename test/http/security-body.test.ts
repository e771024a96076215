import { readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { gzipSync } from 'node:zlib';
import { type BotHarness, startBotHarness } from '../support/bot-harness';
import { gzipOfZeros } from '../support/gzip-bomb';
import { rawRequest } from '../support/raw-http';
import { messageActivity } from '../support/teams-activities';
import { Teardown } from '../support/teardown';

/**
 * /api/messages reads its own body: JSON only, uncompressed, at most 1 MiB, decided from the headers where
 * possible and always before any parsing or authentication. Nothing a client sends is inflated, parsed as a
 * form, or written to disk.
 */

let bot: BotHarness;
let bomb: Buffer;
const teardown = new Teardown();

beforeAll(async () => {
  bot = teardown.add(await startBotHarness(), (harness) => harness.close());
  bomb = await gzipOfZeros(560 * 1024 * 1024);
}, 60_000);
afterAll(() => teardown.run());
beforeEach(() => bot.reset());

const url = (): string => `${bot.app.url}/api/messages`;
const activityJson = (): string => JSON.stringify(messageActivity(bot.connector.serviceUrl, 'Budget review'));

function refusedCode(text: string): unknown {
  return (JSON.parse(text) as { error?: { code?: unknown } }).error?.code;
}

function nothingReachedTheBot(): void {
  expect(bot.connector.sent).toEqual([]);
  expect(bot.sandbox.requests).toEqual([]);
  for (const line of bot.logLines) expect(JSON.parse(line)).toMatchObject({ event: 'http.refused' });
}

describe('compressed bodies', () => {
  test('a gzip bomb (570 KB → 560 MiB) is refused from its headers in under a second, memory flat', async () => {
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const rssBefore = process.memoryUsage().rss;
    const started = performance.now();

    const response = await rawRequest(url(), {
      headers: { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' },
      body: bomb,
    });

    expect(response.status).toBe(415);
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(50 * 1024 * 1024);
    expect(refusedCode(response.text)).toBe('encoding');
    nothingReachedTheBot();
  });

  test.each(['gzip', 'deflate', 'br', 'GZIP', 'identity, gzip', 'x-gzip'])(
    'Content-Encoding "%s" is refused with 415, even for a small valid activity',
    async (encoding) => {
      const response = await rawRequest(url(), {
        headers: { 'Content-Type': 'application/json', 'Content-Encoding': encoding },
        body: gzipSync(activityJson()),
      });
      expect(response.status).toBe(415);
      nothingReachedTheBot();
    },
  );

  test('Content-Encoding "identity" is the same as none', async () => {
    const response = await rawRequest(url(), {
      headers: { 'Content-Type': 'application/json', 'Content-Encoding': 'identity' },
      body: activityJson(),
    });
    expect(response.status).toBe(200);
  });
});

describe('content types', () => {
  test('a multipart upload is refused and leaves no file in the temp directory', async () => {
    const uploadsBefore = new Set(readdirSync(tmpdir()).filter((name) => name.startsWith('upload_')));
    const boundary = '----hostile';
    const body = [
      `--${boundary}`,
      'Content-Disposition: form-data; name="file"; filename="payload.bin"',
      'Content-Type: application/octet-stream',
      '',
      'x'.repeat(200_000),
      `--${boundary}--`,
      '',
    ].join('\r\n');

    const response = await rawRequest(url(), {
      headers: { 'Content-Type': `multipart/form-data; boundary=${boundary}` },
      body,
    });

    expect(response.status).toBe(415);
    const uploadsAfter = readdirSync(tmpdir()).filter((name) => name.startsWith('upload_'));
    expect(uploadsAfter.filter((name) => !uploadsBefore.has(name))).toEqual([]);
    nothingReachedTheBot();
  });

  test.each([
    [
      'a form post (what any web page can send cross-site)',
      'application/x-www-form-urlencoded',
      'type=message',
    ],
    ['text/plain (a CORS "simple request")', 'text/plain', '{"type":"message"}'],
    ['no Content-Type', undefined, '{"type":"message"}'],
    ['JSON in another charset', 'application/json; charset=utf-16', '{"type":"message"}'],
    ['a JSON look-alike type', 'application/json-patch+json', '[]'],
  ])('%s is refused with 415', async (_name, contentType, body) => {
    const response = await rawRequest(url(), {
      headers: contentType ? { 'Content-Type': contentType } : {},
      body,
    });
    expect(response.status).toBe(415);
    expect(refusedCode(response.text)).toBe('contentType');
    nothingReachedTheBot();
  });
});

describe('size', () => {
  test('a declared length over 1 MiB is refused before the body is read', async () => {
    const response = await rawRequest(url(), {
      headers: { 'Content-Type': 'application/json' },
      body: Buffer.alloc(2 * 1024 * 1024, 0x20),
    });
    expect(response.status).toBe(413);
    nothingReachedTheBot();
  });

  test('a chunked body without a length is cut off at 1 MiB', async () => {
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    const response = await rawRequest(url(), {
      headers: { 'Content-Type': 'application/json' },
      chunks: Array.from({ length: 40 }, () => chunk),
    });
    expect(response.status).toBe(413);
    nothingReachedTheBot();
  });
});

describe('malformed JSON and activity shapes', () => {
  test.each([
    ['not JSON', '{"type":"message",', 'json'],
    ['a JSON array', '[{"type":"message"}]', 'json'],
    ['a JSON string', '"message"', 'json'],
    ['null', 'null', 'json'],
  ])('%s: 400', async (_name, body, code) => {
    const response = await rawRequest(url(), { headers: { 'Content-Type': 'application/json' }, body });
    expect(response.status).toBe(400);
    expect(refusedCode(response.text)).toBe(code);
    nothingReachedTheBot();
  });

  test.each([
    ['type', { type: 5 }],
    ['from.id', { from: { id: ['29:1'] } }],
    ['conversation', { conversation: undefined }],
    ['serviceUrl', { serviceUrl: 'javascript:alert(1)' }],
    ['channelData.tenant.id', { channelData: { tenant: { id: { $ne: null } } } }],
    ['entities.0.text', { entities: [{ type: 'mention', text: 42 }] }],
    [
      'channelData.team.aadGroupId',
      { channelData: { team: { id: '19:x@thread.tacv2', aadGroupId: '../users' } } },
    ],
  ])('a wrong-shaped %s is a 400 that names the field', async (field, patch) => {
    const activity = { ...messageActivity(bot.connector.serviceUrl, 'Budget review'), ...patch };
    const response = await rawRequest(url(), {
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(activity),
    });
    expect(response.status).toBe(400);
    expect((response.json() as { error: { message: string } }).error.message).toContain(`"${field}"`);
    nothingReachedTheBot();
  });

  test('a "__proto__" key is dropped, never turned into a prototype', async () => {
    const activity = messageActivity(bot.connector.serviceUrl, 'Budget review');
    const body = JSON.stringify(activity).replace(/^\{/, '{"__proto__":{"isAdmin":true,"text":"injected"},');

    const response = await rawRequest(url(), { headers: { 'Content-Type': 'application/json' }, body });

    expect(response.status).toBe(200);
    expect(({} as { isAdmin?: boolean }).isAdmin).toBeUndefined();
    expect(JSON.stringify(bot.connector.sent)).toContain('"value":"Budget review"');
  });
});

describe('local mode answers loopback clients only', () => {
  test('a request addressed to another host name (DNS rebinding) is refused with 403', async () => {
    const response = await rawRequest(url(), {
      headers: { 'Content-Type': 'application/json', Host: 'attacker.example:3978' },
      body: activityJson(),
    });
    expect(response.status).toBe(403);
    nothingReachedTheBot();
  });
});

test('after all of that the bot is healthy and answers Teams as before', async () => {
  expect((await fetch(`${bot.app.url}/healthz`)).status).toBe(200);
  const response = await rawRequest(url(), {
    headers: { 'Content-Type': 'application/json; charset=utf-8' },
    body: activityJson(),
  });
  expect(response.status).toBe(200);
  expect(bot.connector.sent).toHaveLength(1);
});
