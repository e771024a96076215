import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { PlaygroundError, startPlayground } from '../../dev/playground';
import { DEMO_TENANT } from '../../sandbox/demo-tenant';
import { type LocalStack, startLocalStack } from './support/local-stack';

/**
 * The shipped .m365agentsplayground.yml as the Playground itself loaded it: its schema is strict and the
 * bot's sandbox tokens come from these ids, so a typo shows up here rather than as a 401 in the browser.
 */

const TIMEOUT_MS = 30_000;

interface LoadedUser {
  name: string;
  aadObjectId: string;
  userPrincipleName: string;
}

interface LoadedConfig {
  tenantId: string;
  currentUser: LoadedUser;
  users: LoadedUser[];
  teams: Array<{ name: string; aadGroupId: string }>;
}

describe('the shipped Playground config', () => {
  let stack: LocalStack;
  let loaded: LoadedConfig;

  beforeAll(async () => {
    stack = await startLocalStack();
    const response = await fetch(`${stack.playground.url}/_internal/v1/config`);
    loaded = ((await response.json()) as { config: LoadedConfig }).config;
  }, TIMEOUT_MS);

  afterAll(async () => {
    await stack?.close();
  }, TIMEOUT_MS);

  test('is accepted by the installed Playground (no error in its log)', async () => {
    const log = await readFile(stack.playground.logPath, 'utf8');
    expect(log).not.toMatch(/^error /m);
    expect(loaded.tenantId).toBe(DEMO_TENANT.tenantId);
  });

  test('signs in as Alex Wilber with the sandbox directory object id', () => {
    const alex = DEMO_TENANT.users.alex;
    expect(loaded.currentUser).toMatchObject({
      name: alex.displayName,
      aadObjectId: DEMO_TENANT.currentUserId,
      userPrincipleName: alex.userPrincipalName,
    });
  });

  test("has the team Contoso Marketing linked to the marketing group, with that group's members", () => {
    const marketing = DEMO_TENANT.groups.marketing;
    expect(loaded.teams).toEqual([
      expect.objectContaining({ name: marketing.displayName, aadGroupId: marketing.id }),
    ]);
    const directory = Object.values(DEMO_TENANT.users);
    const others = marketing.memberIds.filter((id) => id !== DEMO_TENANT.currentUserId);
    expect(loaded.users.map((user) => user.aadObjectId).sort()).toEqual([...others].sort());
    for (const user of loaded.users) {
      const entry = directory.find((candidate) => candidate.id === user.aadObjectId);
      expect({ name: user.name, upn: user.userPrincipleName }).toEqual({
        name: entry?.displayName,
        upn: entry?.userPrincipalName,
      });
    }
  });

  test('listens on loopback only', async () => {
    const lan = Object.values(networkInterfaces())
      .flat()
      .find((address) => address && !address.internal && address.family === 'IPv4');
    if (!lan) return; // No other interface to reach it from on this machine.
    await expect(reachable(lan.address, stack.playground.port)).resolves.toBe(false);
  });
});

test(
  'an invalid config fails start-up with the reason from the Playground log',
  async () => {
    const dir = await mkdtemp(join(tmpdir(), 'playground-bad-config-'));
    try {
      const configPath = join(dir, '.m365agentsplayground.yml');
      const shipped = await readFile(join(__dirname, '..', '..', '.m365agentsplayground.yml'), 'utf8');
      await writeFile(configPath, `${shipped}\nunknownSetting: true\n`);
      const starting = startPlayground({
        botEndpoint: 'http://127.0.0.1:9/api/messages',
        configPath,
        logPath: join(dir, 'playground.log'),
      });
      await expect(starting).rejects.toThrow(PlaygroundError);
      await expect(starting).rejects.toThrow(/must NOT have additional properties/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  },
  TIMEOUT_MS,
);

function reachable(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port, timeout: 2_000 });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });
}
