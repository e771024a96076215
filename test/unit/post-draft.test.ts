import { Client, type Context, type Middleware } from '@microsoft/microsoft-graph-client';
import type { DraftRecord } from '../../src/conversations/draft-record';
import { CREATE_RESERVE_MS, postDraft } from '../../src/conversations/post-draft';
import type { SubmittedDraft, ValidDraft } from '../../src/domain/draft';
import { validateDraft } from '../../src/domain/validation';
import { MailboxQueue } from '../../src/graph/mailbox-queue';

const GROUP = { id: '433f59ec-d67d-4950-902b-c0213dbd18cc', displayName: 'Contoso Marketing' };

/** Graph as far as postDraft sees it: records each request and answers a created conversation. */
class FakeGraph implements Middleware {
  readonly requests: string[] = [];

  async execute(context: Context): Promise<void> {
    const url = typeof context.request === 'string' ? context.request : context.request.url;
    this.requests.push(`${context.options?.method ?? 'GET'} ${new URL(url).pathname}`);
    context.response = new Response(JSON.stringify({ id: 'AAQkA-new', threads: [{ id: 'AAQkA-thread' }] }), {
      status: 201,
      headers: { 'Content-Type': 'application/json' },
    });
  }

  setNext(): void {}
}

function draftRecord(draft: SubmittedDraft): DraftRecord {
  return {
    draftId: '6f1c2b9e-3d4a-4e5f-8a7b-1c2d3e4f5a6b',
    author: { userKey: 'tenant/alex', mri: '29:alex', name: 'Alex Wilber' },
    draft,
    state: { phase: 'open' },
  };
}

function valid(draft: SubmittedDraft): ValidDraft {
  const result = validateDraft(draft.values);
  if (!result.ok) throw new Error('test draft must be valid');
  return result.draft;
}

/** Holds one turn of the group's mailbox until released. */
function occupy(queue: MailboxQueue): () => void {
  let release: () => void = () => {};
  void queue.run(GROUP.id, Date.now() + 60_000, () => new Promise<void>((resolve) => (release = resolve)));
  return () => release();
}

const linkedDraft: SubmittedDraft = {
  target: { kind: 'linked', ...GROUP },
  values: {
    topic: 'Budget',
    body: 'Numbers',
    participants: 'meganb@contoso.onmicrosoft.com',
    groupId: GROUP.id,
  },
};

let graph: FakeGraph;
let client: Client;
let saved: DraftRecord[];
const save = async (record: DraftRecord) => {
  saved.push(record);
};

beforeEach(() => {
  graph = new FakeGraph();
  client = Client.initWithMiddleware({
    middleware: graph,
    baseUrl: 'https://graph.test/',
    defaultVersion: 'v1.0',
  });
  saved = [];
});

describe('postDraft', () => {
  test('a draft naming its group and typing its addresses makes exactly one Graph request, the create', async () => {
    const result = await postDraft(
      client,
      draftRecord(linkedDraft),
      valid(linkedDraft),
      save,
      Date.now() + 25_000,
    );

    expect(graph.requests).toEqual([`POST /v1.0/groups/${GROUP.id}/conversations`]);
    expect(result.state.phase).toBe('created');
    if (result.state.phase === 'created')
      expect(result.state.confirmation.groupName).toBe('Contoso Marketing');
  });

  test('a posted draft is kept compact: its confirmation, author and values, and of the groups offered the chosen one', async () => {
    const offered: SubmittedDraft = {
      target: {
        kind: 'choice',
        groups: [{ id: 'b1d5e2c4-0000-4000-8000-000000000001', displayName: 'Other' }, GROUP],
      },
      values: linkedDraft.values,
    };
    const posting = draftRecord(offered);

    const result = await postDraft(client, posting, valid(offered), save, Date.now() + 25_000);

    expect(saved.at(-1)?.firstPostAt).toEqual(expect.any(String));
    expect(Object.keys(result).sort()).toEqual(['author', 'draft', 'draftId', 'state']);
    expect(result.author).toEqual(posting.author);
    expect(result.draft).toEqual({ target: { kind: 'choice', groups: [GROUP] }, values: offered.values });
    expect(result.state.phase === 'created' && result.state.confirmation.groupName).toBe('Contoso Marketing');
  });

  test('a create waiting for its turn on the mailbox is saved as it stands, then posted once the turn comes', async () => {
    const queue = new MailboxQueue(1);
    const release = occupy(queue);

    const posting = postDraft(
      client,
      draftRecord(linkedDraft),
      valid(linkedDraft),
      save,
      Date.now() + 25_000,
      queue,
    );
    await new Promise((resolve) => setImmediate(resolve));
    expect(saved.map((record) => record.state.phase)).toEqual(['open']);
    expect(graph.requests).toEqual([]);

    release();
    const result = await posting;

    expect(result.state.phase).toBe('created');
    expect(saved.map((record) => record.state.phase)).toEqual(['open', 'posting']);
    expect(graph.requests).toHaveLength(1);
  });

  test('a turn that does not come in time for the create to finish: nothing is sent and the draft stays open', async () => {
    const queue = new MailboxQueue(1);
    const release = occupy(queue);
    // The attempt's deadline leaves 50 ms of waiting beyond the time kept for the create itself.
    const deadline = Date.now() + CREATE_RESERVE_MS + 50;

    const result = await postDraft(
      client,
      draftRecord(linkedDraft),
      valid(linkedDraft),
      save,
      deadline,
      queue,
    );
    release();

    expect(graph.requests).toEqual([]);
    expect(result.state).toEqual({ phase: 'open', failure: { kind: 'mailboxBusy' } });
    expect(saved.some((record) => record.state.phase === 'posting')).toBe(false);
  });

  test('a group the draft does not name is looked up (name and type) before posting', async () => {
    const unnamed: SubmittedDraft = { target: { kind: 'choice', groups: [] }, values: linkedDraft.values };
    graph.execute = async (context: Context) => {
      const url = typeof context.request === 'string' ? context.request : context.request.url;
      const method = context.options?.method ?? 'GET';
      graph.requests.push(`${method} ${new URL(url).pathname}`);
      const body =
        method === 'GET'
          ? { id: GROUP.id, displayName: 'Marketing (from Graph)', groupTypes: ['Unified'] }
          : { id: 'AAQkA-new', threads: [{ id: 'AAQkA-thread' }] };
      context.response = new Response(JSON.stringify(body), {
        status: method === 'GET' ? 200 : 201,
        headers: { 'Content-Type': 'application/json' },
      });
    };

    const result = await postDraft(client, draftRecord(unnamed), valid(unnamed), save, Date.now() + 25_000);

    expect(graph.requests).toEqual([
      `GET /v1.0/groups/${GROUP.id}`,
      `POST /v1.0/groups/${GROUP.id}/conversations`,
    ]);
    if (result.state.phase !== 'created') throw new Error(`expected created, got ${result.state.phase}`);
    expect(result.state.confirmation.groupName).toBe('Marketing (from Graph)');
  });
});
