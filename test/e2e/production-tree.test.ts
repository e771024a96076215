import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { DEMO_TENANT } from '../../sandbox/demo-tenant';
import { startGraphSandbox } from '../../sandbox/graph-sandbox';
import { PRODUCTION_INSTALL, stageProductionTree } from '../../scripts/production-tree';
import { startAzurite } from '../support/azurite';
import { type Envelope, type Ingestion, LOOPBACK_CA, startIngestion } from '../support/ingestion';
import { messageActivity, PERSONAL } from '../support/teams-activities';
import { Teardown } from '../support/teardown';
import { startTokenService } from '../support/token-service';

/**
 * What the container (and App Service) runs: the tree the Dockerfile builds, rebuilt here the same way (no
 * Docker on CI machines) and started in production mode against local stand-ins for Blob storage, Graph,
 * the token service and Application Insights.
 */

const ROOT = join(__dirname, '..', '..');
const DOCKERFILE = readFileSync(join(ROOT, 'Dockerfile'), 'utf8');
const TIMEOUT_MS = 180_000;
const APP_ID = '5f2e1c3a-0000-4000-8000-000000000001';
// The activities below come from the demo tenant: it is the bot's own (single-tenant) tenant here.
const TENANT_ID = DEMO_TENANT.tenantId;

const teardown = new Teardown();
let work: string;
let app: string;
let staged: { bytes: number; seconds: number };

beforeAll(async () => {
  work = teardown.add(await mkdtemp(join(tmpdir(), 'production-tree-')), (dir) =>
    rm(dir, { recursive: true, force: true }),
  );
  const compiled = join(work, 'out');
  await promisify(execFile)(
    process.execPath,
    [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json', '--outDir', compiled],
    { cwd: ROOT },
  );
  app = join(work, 'app');
  const started = Date.now();
  // --prefer-offline: `npm install` already filled the cache; the registry is asked only for what is missing.
  const { bytes } = await stageProductionTree({
    root: ROOT,
    compiled,
    outDir: app,
    npmArgs: ['--prefer-offline'],
  });
  staged = { bytes, seconds: (Date.now() - started) / 1000 };
}, TIMEOUT_MS);

afterAll(() => teardown.run(), TIMEOUT_MS);

describe('the Dockerfile', () => {
  test('installs production dependencies exactly as the staged tree does, and ships only compiled src/', () => {
    expect(DOCKERFILE).toContain(`RUN npm ${PRODUCTION_INSTALL.join(' ')} `);
    expect(DOCKERFILE).toMatch(/^COPY --from=build \/src\/out\/src \.\/dist\/src$/m);
    expect(DOCKERFILE.match(/^COPY .*$/gm)?.filter((line) => line.includes('/app'))).toEqual([
      'COPY --from=deps /app/node_modules ./node_modules',
      'COPY --from=deps /app/vendor ./vendor',
    ]);
  });

  test('runs Node 22 LTS as a non-root user, with a health check and the compiled entry point', () => {
    expect(DOCKERFILE).toMatch(/^ARG NODE_IMAGE=node:22-bookworm-slim$/m);
    expect(DOCKERFILE.match(/^FROM \$\{NODE_IMAGE\} AS (\w+)$/gm)).toHaveLength(3);
    const runtime = DOCKERFILE.slice(DOCKERFILE.indexOf('AS runtime'));
    expect(runtime).toMatch(/^USER node$/m);
    expect(runtime).toMatch(/^HEALTHCHECK .*\n.*\/healthz/m);
    expect(runtime).toMatch(/^CMD \["node", "--enable-source-maps", "dist\/src\/index\.js"\]$/m);
  });

  test('.dockerignore lets in only what the build stage copies (no .env, no node_modules)', () => {
    const lines = readFileSync(join(ROOT, '.dockerignore'), 'utf8')
      .split('\n')
      .filter((line) => line && !line.startsWith('#'));
    expect(lines[0]).toBe('*');
    expect(lines.slice(1).sort()).toEqual([
      '!dev/',
      '!package-lock.json',
      '!package.json',
      '!sandbox/',
      '!src/',
      '!tsconfig.build.json',
      '!tsconfig.json',
      '!vendor/',
    ]);
  });
});

test('the tree holds compiled JavaScript and production dependencies only', () => {
  expect(readdirSync(app).sort()).toEqual([
    'dist',
    'node_modules',
    'package-lock.json',
    'package.json',
    'vendor',
  ]);
  expect(readdirSync(join(app, 'dist'))).toEqual(['src']);
  const sources = listFiles(join(app, 'dist')).filter((file) => /\.ts$/.test(file));
  expect(sources).toEqual([]);
  for (const tool of [
    'typescript',
    'jest',
    'playwright-core',
    '@sparticuz/chromium',
    '@microsoft/m365agentsplayground',
    'azurite',
    '@biomejs/biome',
    '@swc/core',
  ])
    expect({ tool, present: existsSync(join(app, 'node_modules', tool)) }).toEqual({ tool, present: false });
  process.stdout.write(
    `production tree: ${(staged.bytes / 1024 / 1024).toFixed(0)} MB, staged in ${staged.seconds.toFixed(1)} s\n`,
  );
});

test('the tree loads restify where Node 24 removed process.binding, without spdy or http-deceiver', async () => {
  expect(existsSync(join(app, 'node_modules', 'http-deceiver'))).toBe(false);
  const { stdout, stderr } = await promisify(execFile)(
    process.execPath,
    [
      '-e',
      "process.binding = () => { throw new Error('No such module: http_parser'); }; require('restify'); console.log('loaded');",
    ],
    { cwd: app },
  );
  expect({ stdout: stdout.trim(), stderr }).toEqual({ stdout: 'loaded', stderr: '' });
});

test(
  'starts in production mode against local stand-ins; probes answer, activities need a token, telemetry flows, SIGTERM drains',
  async () => {
    const azurite = await teardown.track(startAzurite(), (started) => started.close());
    const sandbox = await teardown.track(startGraphSandbox(), (started) => started.close());
    const tokens = await teardown.track(startTokenService(), (started) => started.close());
    const ingestion = await teardown.track(startIngestion(), (started) => started.close());
    const bot = startBot({
      MicrosoftAppId: APP_ID,
      MicrosoftAppPassword: 'not-a-real-secret',
      MicrosoftAppType: 'SingleTenant',
      MicrosoftAppTenantId: TENANT_ID,
      ConnectionName: 'GraphSSO',
      OAuthUrl: tokens.url,
      GRAPH_BASE_URL: sandbox.baseUrl,
      STORAGE_CONNECTION_STRING: azurite.connectionString,
      APPLICATIONINSIGHTS_CONNECTION_STRING: ingestion.connectionString,
    });
    const url = (await bot.waitFor(/on (http:\/\/127\.0\.0\.1:\d+)\/api\/messages in production mode/))[1];

    expect(await json(`${url}/healthz`)).toEqual([200, { status: 'ok' }]);
    expect(await json(`${url}/readyz`)).toEqual([200, { status: 'ready', checks: { storage: 'ok' } }]);
    const activity = messageActivity('https://smba.trafficmanager.net/teams/', 'Hello', PERSONAL);
    const unsigned = await fetch(`${url}/api/messages`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(activity),
    });
    expect(unsigned.status).toBe(401);

    bot.process.kill('SIGTERM');
    expect(await bot.exited).toBe(0);
    expect(bot.output()).toMatch(/"event":"shutdown.drained","drained":true/);

    // The exporter flushed on the way out: the refused request and its log line, tied by the operation id.
    const request = ingestion.envelopes.find(
      (envelope) =>
        envelope.data?.baseType === 'RequestData' &&
        String(envelope.data.baseData?.url).endsWith('/api/messages'),
    );
    expect(request?.data?.baseData).toMatchObject({ responseCode: '401' });
    const operation = request?.tags?.['ai.operation.id'];
    const refusal = logRecords(ingestion).find((record) => operation && record.operationId === operation);
    expect(refusal).toMatchObject({ severity: 'Warning', text: expect.stringContaining('"level":"warn"') });
    expect(refusal?.text).toMatch(/"correlationId":"[0-9a-f-]{36}"/);
    // Probes are left out of the request table.
    const probes = ingestion.envelopes.filter((envelope) =>
      /\/(healthz|readyz)$/.test(String(envelope.data?.baseData?.url)),
    );
    expect(probes).toEqual([]);
  },
  TIMEOUT_MS,
);

interface StartedBot {
  process: ChildProcess;
  exited: Promise<number | null>;
  output(): string;
  waitFor(pattern: RegExp): Promise<RegExpMatchArray>;
}

function startBot(env: Record<string, string>): StartedBot {
  const child = spawn(process.execPath, ['--enable-source-maps', join('dist', 'src', 'index.js')], {
    cwd: app,
    env: {
      PATH: process.env.PATH ?? '',
      PORT: '0',
      HOST: '127.0.0.1',
      // Trust the ingestion stand-in's certificate; keep the SDK's own usage reports off the network.
      NODE_EXTRA_CA_CERTS: LOOPBACK_CA,
      APPLICATIONINSIGHTS_STATSBEAT_DISABLED: 'true',
      APPLICATIONINSIGHTS_SDKSTATS_DISABLED: 'true',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  teardown.add(child, (started) => {
    if (started.exitCode === null && started.signalCode === null) started.kill('SIGKILL');
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString('utf8');
  });
  child.stderr.on('data', (chunk: Buffer) => {
    output += chunk.toString('utf8');
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    process: child,
    exited,
    output: () => output,
    waitFor: async (pattern) => {
      const deadline = Date.now() + 30_000;
      for (;;) {
        const match = pattern.exec(output);
        if (match) return match;
        if (child.exitCode !== null || Date.now() > deadline)
          throw new Error(`no ${pattern} (exit ${child.exitCode}):\n${output}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
  };
}

async function json(url: string): Promise<[number, unknown]> {
  const response = await fetch(url);
  return [response.status, await response.json()];
}

function logRecords(ingestion: Ingestion): Array<{ text: string; severity: unknown; operationId?: string }> {
  return ingestion.envelopes
    .filter((envelope: Envelope) => envelope.data?.baseType === 'MessageData')
    .map((envelope) => ({
      text: String(envelope.data?.baseData?.message),
      severity: envelope.data?.baseData?.severityLevel,
      operationId: envelope.tags?.['ai.operation.id'],
    }));
}

function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? listFiles(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}
