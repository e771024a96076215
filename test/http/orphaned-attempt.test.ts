import { randomUUID } from 'node:crypto';
import { MemoryStorage } from 'botbuilder';
import { DEMO_TENANT } from '../../sandbox/demo-tenant';
import { type GraphSandbox, startGraphSandbox } from '../../sandbox/graph-sandbox';
import { mintSandboxToken } from '../../sandbox/tokens';
import type { DraftRecord } from '../../src/conversations/draft-record';
import { DraftLedger } from '../../src/conversations/ledger';
import { type DraftIntent, handleDraft } from '../../src/conversations/submit-draft';
import type { DraftAuthor } from '../../src/domain/draft';
import { createJsonLogger } from '../../src/shared/logger';
import { MemoryClaimStore } from '../../src/storage/claims';

/**
 * An instance that dies mid-create leaves its claim and a "posting" record behind. Whoever touches the
 * draft next must find out what Graph did, with the real Graph client against the sandbox, whose list of
 * conversations has no promised order and pages every 10 items (as Graph documents nothing more).
 */

const { groups, users } = DEMO_TENANT;
const ALEX: DraftAuthor = {
  userKey: `${DEMO_TENANT.tenantId}/${users.alex.id}`,
  mri: '29:1alex',
  name: users.alex.displayName,
};
const TOPIC = 'Orphaned after the 201';

let sandbox: GraphSandbox;
beforeAll(async () => {
  sandbox = await startGraphSandbox();
});
afterAll(() => sandbox?.close());
beforeEach(() => sandbox.reset());

async function postAs(oid: string, topic: string): Promise<string> {
  const response = await fetch(`${sandbox.baseUrl}/groups/${groups.falcon.id}/conversations`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${mintSandboxToken({ oid })}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({
      topic,
      threads: [{ posts: [{ body: { contentType: 'html', content: 'hello' }, newParticipants: [] }] }],
    }),
  });
  expect(response.status).toBe(201);
  return ((await response.json()) as { id: string }).id;
}

/** What the dead instance left: its claim (stale after 20 ms) and the record it saved before the POST. */
async function deadInstance(phase: 'posting' | 'open') {
  const storage = new MemoryStorage();
  const claims = new MemoryClaimStore();
  const draftId = randomUUID();
  const key = `draft/${DEMO_TENANT.tenantId}/${draftId}`;
  const now = new Date().toISOString();
  const record: DraftRecord = {
    draftId,
    author: ALEX,
    draft: {
      target: { kind: 'choice', groups: [{ id: groups.falcon.id, displayName: groups.falcon.displayName }] },
      values: { topic: TOPIC, body: 'hello', groupId: groups.falcon.id },
    },
    firstPostAt: phase === 'posting' ? now : undefined,
    state:
      phase === 'posting'
        ? { phase: 'posting', since: now, groupName: groups.falcon.displayName, recipients: [] }
        : { phase: 'open' },
  };
  await storage.write({ [key]: { ...record, eTag: '*' } });
  await claims.claim(`attempt/${key}`);
  await claims.claimFor(`author/${key}`, ALEX.userKey);
  await new Promise((resolve) => setTimeout(resolve, 40));
  const ledger = new DraftLedger(storage, claims, { staleAfterMs: 20 });
  const run = (intent: DraftIntent) =>
    handleDraft(
      { graphBaseUrl: new URL(sandbox.baseUrl), ledger, logger: createJsonLogger('error') },
      {
        key,
        draftId,
        actor: ALEX,
        intent,
        tokens: { token: mintSandboxToken({ oid: users.alex.id }), refresh: async () => undefined },
        answerWithinMs: 4_000,
      },
    );
  return { run };
}

const creates = () =>
  sandbox.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/conversations'));

test('the next check finds the conversation the dead instance posted, among many pages, and posts nothing', async () => {
  const { run } = await deadInstance('posting');
  for (let i = 0; i < 14; i++) await postAs(users.megan.id, `Older conversation ${i}`);
  await postAs(users.megan.id, TOPIC); // same topic, someone else's: not ours
  const orphan = await postAs(users.alex.id, TOPIC);
  for (let i = 0; i < 12; i++) await postAs(users.lee.id, `Newer conversation ${i}`);
  const before = creates().length;

  const outcome = await run({ kind: 'check' });

  expect(outcome).toMatchObject({
    status: 'created',
    confirmation: { conversationId: orphan, startedBy: 'Alex Wilber' },
  });
  expect(creates()).toHaveLength(before);
  const listed = sandbox.requests.filter((r) => r.method === 'GET' && r.path.includes('/conversations?'));
  expect(listed.length).toBeGreaterThan(1);
});

test('when the dead instance’s create cannot be found, nothing is posted until the author says "post anyway"', async () => {
  const { run } = await deadInstance('posting');

  expect(await run({ kind: 'check' })).toMatchObject({ status: 'unknown', lookedUp: true });
  expect(creates()).toHaveLength(0);

  expect(await run({ kind: 'postAnyway' })).toMatchObject({ status: 'created' });
  expect(await run({ kind: 'postAnyway' })).toMatchObject({ status: 'created' });
  expect(sandbox.conversations(groups.falcon.id)).toHaveLength(1);
});

test('a dead instance that never reached the create leaves an open draft: a check shows the form, posting nothing', async () => {
  const { run } = await deadInstance('open');

  expect(await run({ kind: 'check' })).toMatchObject({ status: 'open' });
  expect(creates()).toHaveLength(0);
});
