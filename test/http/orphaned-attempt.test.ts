import { randomUUID } from 'node:crypto';
import { MemoryStorage } from 'botbuilder';
import { DEMO_TENANT } from '../../sandbox/demo-tenant';
import { type GraphSandbox, startGraphSandbox } from '../../sandbox/graph-sandbox';
import { mintSandboxToken } from '../../sandbox/tokens';
import { SubmissionLedger } from '../../src/conversations/ledger';
import { submitDraft } from '../../src/conversations/submit-draft';
import { createJsonLogger } from '../../src/server/logger';
import { MemoryClaimStore } from '../../src/storage/claims';

const { groups, users } = DEMO_TENANT;
const token = mintSandboxToken({ oid: users.alex.id });

let sandbox: GraphSandbox;
beforeAll(async () => {
  sandbox = await startGraphSandbox();
});
afterAll(() => sandbox.close());

/** What an instance that died right after Graph answered 201 leaves behind: a claim and a conversation. */
async function orphanedAttempt(claims: MemoryClaimStore, key: string, topic: string): Promise<string> {
  await claims.claim(key);
  const response = await fetch(`${sandbox.baseUrl}/groups/${groups.falcon.id}/conversations`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({
      topic,
      threads: [{ posts: [{ body: { contentType: 'html', content: 'first try' }, newParticipants: [] }] }],
    }),
  });
  return ((await response.json()) as { id: string }).id;
}

function submit(ledger: SubmissionLedger, key: string, topic: string) {
  return submitDraft(
    { graphBaseUrl: new URL(sandbox.baseUrl), ledger },
    {
      key,
      draftId: randomUUID(),
      draft: { topic, body: 'first try', participants: [], groupId: groups.falcon.id },
      startedBy: 'Alex Wilber',
      tokens: { token, refresh: async () => undefined },
      budgetMs: 4000,
    },
  );
}

test('taking over a stale draft finds the conversation its vanished holder posted instead of posting again', async () => {
  const claims = new MemoryClaimStore();
  const ledger = new SubmissionLedger(new MemoryStorage(), claims, createJsonLogger('error'), {
    staleAfterMs: 20,
  });
  const key = `submission/test/${randomUUID()}`;
  const existingId = await orphanedAttempt(claims, key, 'Orphaned after the 201');
  await new Promise((resolve) => setTimeout(resolve, 40));

  const outcome = await submit(ledger, key, 'Orphaned after the 201');

  expect(outcome).toMatchObject({ status: 'created', confirmation: { conversationId: existingId } });
  expect(
    sandbox.conversations(groups.falcon.id).filter((c) => c.topic === 'Orphaned after the 201'),
  ).toHaveLength(1);
});

test('a fresh claim held by someone else answers "posting" and posts nothing', async () => {
  const claims = new MemoryClaimStore();
  const ledger = new SubmissionLedger(new MemoryStorage(), claims, createJsonLogger('error'));
  const key = `submission/test/${randomUUID()}`;
  await claims.claim(key);

  const outcome = await submit(ledger, key, 'Held elsewhere');

  expect(outcome).toEqual({ status: 'pending' });
  expect(sandbox.conversations(groups.falcon.id).filter((c) => c.topic === 'Held elsewhere')).toHaveLength(0);
});

test('taking over a stale draft whose holder never reached Graph posts it', async () => {
  const claims = new MemoryClaimStore();
  const ledger = new SubmissionLedger(new MemoryStorage(), claims, createJsonLogger('error'), {
    staleAfterMs: 20,
  });
  const key = `submission/test/${randomUUID()}`;
  await claims.claim(key);
  await new Promise((resolve) => setTimeout(resolve, 40));

  const outcome = await submit(ledger, key, 'Never reached Graph');

  expect(outcome).toMatchObject({ status: 'created' });
  expect(
    sandbox.conversations(groups.falcon.id).filter((c) => c.topic === 'Never reached Graph'),
  ).toHaveLength(1);
});
