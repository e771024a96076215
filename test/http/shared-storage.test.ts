import { randomUUID } from 'node:crypto';
import { BlobServiceClient } from '@azure/storage-blob';
import { BlobsStorage } from 'botbuilder-azure-blobs';
import { DEMO_TENANT } from '../../sandbox/demo-tenant';
import { type GraphSandbox, startGraphSandbox } from '../../sandbox/graph-sandbox';
import { mintSandboxToken } from '../../sandbox/tokens';
import { SsoTokenProvider } from '../../src/auth/sso-token-provider';
import { type Azurite, startAzurite } from '../support/azurite';
import { startBotHarness } from '../support/bot-harness';
import {
  cardActionActivity,
  invokeActivity,
  messageActivity,
  teamsUserId,
} from '../support/teams-activities';
import { startTokenService, type TokenService } from '../support/token-service';

const { groups, users } = DEMO_TENANT;
const CONNECTION = 'GraphConnection';

let azurite: Azurite;
let sandbox: GraphSandbox;
let tokenService: TokenService;

beforeAll(async () => {
  azurite = await startAzurite();
  sandbox = await startGraphSandbox();
  tokenService = await startTokenService();
}, 30_000);
afterAll(async () => {
  await tokenService?.close();
  await sandbox?.close();
  await azurite?.close();
});

function storageEnv(container: string): Record<string, string> {
  return { STORAGE_CONNECTION_STRING: azurite.connectionString, STORAGE_CONTAINER: container };
}

test('a draft resubmitted after a restart answers the same confirmation and posts nothing new', async () => {
  const env = storageEnv(`restart-${Date.now()}`);
  const draft = {
    draftId: randomUUID(),
    groupId: groups.falcon.id,
    groupChoices: [],
    topic: 'Survives a restart',
    body: 'Posted once',
  };

  const before = await startBotHarness({ env, sandbox });
  const first = await before.post(
    cardActionActivity(before.connector.serviceUrl, 'createConversation', draft),
  );
  await before.close();

  const after = await startBotHarness({ env, sandbox });
  const second = await after.post(
    cardActionActivity(after.connector.serviceUrl, 'createConversation', draft),
  );
  await after.close();

  expect(JSON.stringify(first.body)).toContain('Conversation started');
  expect(second.body).toEqual(first.body);
  expect(
    sandbox.conversations(groups.falcon.id).filter((c) => c.topic === 'Survives a restart'),
  ).toHaveLength(1);
}, 30_000);

test('two instances sharing storage process one SSO token exchange between them', async () => {
  const env = {
    ...storageEnv(`dedupe-${Date.now()}`),
    ConnectionName: CONNECTION,
    OAuthUrl: tokenService.url,
  };
  const tokens = () => new SsoTokenProvider(CONNECTION);
  const one = await startBotHarness({ env, sandbox, tokens });
  const two = await startBotHarness({ env, sandbox, tokens });
  try {
    await one.post(messageActivity(one.connector.serviceUrl, 'Shared dedupe'));
    tokenService.allowExchange('shared-sso', { token: mintSandboxToken({ oid: users.alex.id }) });
    one.connector.reset();
    const exchange = (serviceUrl: string) =>
      invokeActivity(serviceUrl, 'signin/tokenExchange', {
        id: 'shared-exchange',
        connectionName: CONNECTION,
        token: 'shared-sso',
      });

    const responses = await Promise.all([
      one.post(exchange(one.connector.serviceUrl)),
      two.post(exchange(two.connector.serviceUrl)),
    ]);

    expect(responses.map((r) => r.status)).toEqual([200, 200]);
    const forms = [...one.connector.sent, ...two.connector.sent].filter(
      (s) => s.activity.attachments?.length,
    );
    expect(forms).toHaveLength(1);
    expect(tokenService.count('/api/usertoken/GetToken')).toBeGreaterThan(0);
    expect(teamsUserId(users.alex)).toMatch(/^29:/);
  } finally {
    await one.close();
    await two.close();
  }
}, 30_000);

test('the same draft submitted to two instances at once is posted once; the other answers "posting" then the confirmation', async () => {
  const env = storageEnv(`race-${Date.now()}`);
  const one = await startBotHarness({ env, sandbox });
  const two = await startBotHarness({ env, sandbox });
  sandbox.setLatency(500, '/conversations');
  const draft = {
    draftId: randomUUID(),
    groupId: groups.falcon.id,
    groupChoices: [],
    topic: 'Raced between instances',
    body: 'Posted once',
  };
  try {
    const answers = await Promise.all([
      one.post(cardActionActivity(one.connector.serviceUrl, 'createConversation', draft)),
      two.post(cardActionActivity(two.connector.serviceUrl, 'createConversation', draft)),
    ]);
    const texts = answers.map((answer) => JSON.stringify(answer.body));
    expect(texts.filter((text) => text.includes('Conversation started'))).toHaveLength(1);
    expect(texts.filter((text) => text.includes('taking longer than usual'))).toHaveLength(1);

    const later = await two.post(cardActionActivity(two.connector.serviceUrl, 'createConversation', draft));
    expect(JSON.stringify(later.body)).toContain('Conversation started');
    expect(sandbox.conversations(groups.falcon.id).filter((c) => c.topic === draft.topic)).toHaveLength(1);
  } finally {
    sandbox.setLatency(0, '/conversations');
    await one.close();
    await two.close();
  }
}, 30_000);

test('an instance that died mid-create leaves "posting": a check through another instance finds the conversation and posts nothing', async () => {
  const container = `orphan-${Date.now()}`;
  const draftId = randomUUID();
  const key = `draft/${DEMO_TENANT.tenantId}/${draftId}`;
  const alex = {
    userKey: `${DEMO_TENANT.tenantId}/${users.alex.id}`,
    mri: teamsUserId(users.alex),
    name: users.alex.displayName,
  };
  const topic = `Orphaned ${draftId}`;
  // What the dead instance left: its record saved before the POST, its claim (10 minutes old) and the authorship.
  const startedAt = new Date().toISOString();
  await new BlobsStorage(azurite.connectionString, container).write({
    [key]: {
      draftId,
      author: alex,
      draft: {
        target: { kind: 'choice', groups: [] },
        values: { topic, body: 'hello', groupId: groups.falcon.id },
      },
      firstPostAt: startedAt,
      state: { phase: 'posting', since: startedAt, groupName: groups.falcon.displayName, recipients: [] },
    },
  });
  const blobs = BlobServiceClient.fromConnectionString(azurite.connectionString).getContainerClient(
    container,
  );
  await blobs
    .getBlockBlobClient(`claims/${encodeURIComponent(`attempt/${key}`)}`)
    .upload('', 0, { metadata: { claimedat: String(Date.now() - 10 * 60_000) } });
  await blobs
    .getBlockBlobClient(`holders/${encodeURIComponent(`author/${key}`)}`)
    .upload(alex.userKey, alex.userKey.length);
  // ...and the conversation its POST created before it died.
  const created = await fetch(`${sandbox.baseUrl}/groups/${groups.falcon.id}/conversations`, {
    method: 'POST',
    headers: {
      Authorization: `Bearer ${mintSandboxToken({ oid: users.alex.id })}`,
      'Content-Type': 'application/json',
    },
    body: JSON.stringify({
      topic,
      threads: [{ posts: [{ body: { contentType: 'html', content: 'hello' } }] }],
    }),
  });
  const orphanId = ((await created.json()) as { id: string }).id;
  const posts = () =>
    sandbox.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/conversations')).length;
  const before = posts();

  const survivor = await startBotHarness({ env: storageEnv(container), sandbox });
  try {
    const check = await survivor.post(
      cardActionActivity(survivor.connector.serviceUrl, 'checkConversation', { draftId }),
    );

    expect(JSON.stringify(check.body)).toContain('Conversation started');
    expect(JSON.stringify(check.body)).toContain(orphanId);
    expect(posts()).toBe(before);
  } finally {
    await survivor.close();
  }
}, 30_000);
