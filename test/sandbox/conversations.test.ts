import {
  DEMO_TENANT,
  type GraphSandbox,
  mintSandboxToken,
  startGraphSandbox,
} from '../../sandbox/graph-sandbox';
import { call, conversationBody, expectGraphError } from './helpers';

const { marketing, falcon, leadership, finance, security } = DEMO_TENANT.groups;
const { alex, megan } = DEMO_TENANT.users;

interface Created {
  '@odata.context': string;
  id: string;
  threads: { id: string }[];
}

const TIMESTAMP = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/;

let sandbox: GraphSandbox;
beforeAll(async () => {
  sandbox = await startGraphSandbox();
});
afterEach(() => sandbox.reset());
afterAll(() => sandbox.close());

const create = (groupId: string, body: unknown = conversationBody(), claims = {}) =>
  call<Created>(sandbox, 'POST', `/groups/${groupId}/conversations`, { body, claims });

describe('POST /groups/{id}/conversations', () => {
  it('creates a conversation in a group the caller belongs to: 201 with only the documented ids', async () => {
    const result = await create(marketing.id);
    expect(result.status).toBe(201);
    expect(result.json).toEqual({
      '@odata.context': `${sandbox.baseUrl}/$metadata#groups('${marketing.id}')/conversations/$entity`,
      id: expect.stringMatching(/^AAQkA[\w-]{40,}=$/),
      threads: [{ id: expect.any(String) }],
    });
    expect(result.headers.get('location')).toBe(
      `${sandbox.baseUrl}/groups('${marketing.id}')/conversations('${result.json.id}')`,
    );
  });

  it('stores exactly what was posted, sent by the caller', async () => {
    const result = await create(marketing.id);
    const stored = sandbox.conversations(marketing.id);
    const createdAt = stored[0]?.createdDateTime;
    expect(createdAt).toMatch(TIMESTAMP);
    expect(stored).toEqual([
      {
        groupId: marketing.id,
        id: result.json.id,
        topic: 'Q3 launch plan',
        createdDateTime: createdAt,
        lastDeliveredDateTime: createdAt,
        uniqueSenders: ['Alex Wilber'],
        preview: 'Hello team, the plan & dates.',
        threads: [
          {
            id: result.json.threads[0].id,
            topic: 'Q3 launch plan',
            posts: [
              {
                id: expect.stringMatching(/^AAMkA/),
                body: {
                  contentType: 'html',
                  content: '<p>Hello&nbsp;team,</p><p>the <b>plan</b> &amp; dates.</p>',
                },
                newParticipants: [
                  { emailAddress: { name: 'Megan Bowen', address: 'meganb@contoso.onmicrosoft.com' } },
                ],
                from: { emailAddress: { name: 'Alex Wilber', address: alex.mail } },
                sender: { emailAddress: { name: 'Alex Wilber', address: alex.mail } },
                createdDateTime: createdAt,
              },
            ],
          },
        ],
      },
    ]);
    expect(sandbox.conversations(falcon.id)).toEqual([]);
    expect(sandbox.conversations()).toHaveLength(1);
  });

  it('truncates the preview to 255 characters of plain text', async () => {
    const content = `<div>${'word '.repeat(100)}</div>`;
    const body = conversationBody({ threads: [{ posts: [{ body: { contentType: 'html', content } }] }] });
    const created = await create(marketing.id, body);
    const result = await call(sandbox, 'GET', `/groups/${marketing.id}/conversations/${created.json.id}`);
    expect(result.json.preview).toBe('word '.repeat(100).trim().slice(0, 255));
  });

  it('refuses a private group the caller is not a member of: 403 "User \'<upn>\' not authorized…"', async () => {
    const result = await create(leadership.id);
    expect(expectGraphError(result, 403, 'ErrorAccessDenied')).toBe(
      `User 'alexw@contoso.onmicrosoft.com' not authorized to access group '${leadership.id}'`,
    );
    expect(sandbox.conversations()).toEqual([]);
  });

  it('allows a public group the caller is not a member of', async () => {
    expect(finance.memberIds).not.toContain(alex.id);
    expect((await create(finance.id)).status).toBe(201);
  });

  it('refuses a security group (not a Microsoft 365 group) with 403', async () => {
    expectGraphError(await create(security.id), 403, 'ErrorAccessDenied');
  });

  it('answers a group that does not exist with 404 Request_ResourceNotFound', async () => {
    expectGraphError(await create('00000000-0000-4000-8000-000000000000'), 404, 'Request_ResourceNotFound');
  });

  it('refuses an app-only token, even with Group.ReadWrite.All: 403 ErrorAccessDenied', async () => {
    const result = await create(marketing.id, conversationBody(), { roles: ['Group.ReadWrite.All'] });
    expect(expectGraphError(result, 403, 'ErrorAccessDenied')).toBe(
      'Access is denied. Check credentials and try again.',
    );
  });

  it('refuses a delegated token without Group.ReadWrite.All: 403 ErrorAccessDenied', async () => {
    const result = await create(marketing.id, conversationBody(), {
      scp: 'Group.Read.All User.ReadBasic.All',
    });
    expectGraphError(result, 403, 'ErrorAccessDenied');
  });

  it.each([
    ['no topic', conversationBody({ topic: undefined }), 'topic'],
    ['an empty topic', conversationBody({ topic: '  ' }), 'topic'],
    ['no threads', conversationBody({ threads: [] }), 'threads'],
    ['a thread without posts', conversationBody({ threads: [{ posts: [] }] }), 'posts'],
    [
      'a bad contentType',
      conversationBody({ threads: [{ posts: [{ body: { contentType: 'markdown', content: 'x' } }] }] }),
      'contentType',
    ],
    [
      'a non-string content',
      conversationBody({ threads: [{ posts: [{ body: { contentType: 'text', content: 42 } }] }] }),
      'content',
    ],
    [
      'a participant that is not an e-mail address',
      conversationBody({
        threads: [
          {
            posts: [
              {
                body: { contentType: 'text', content: 'x' },
                newParticipants: [{ emailAddress: { address: megan.id } }],
              },
            ],
          },
        ],
      }),
      'newParticipants[0].emailAddress.address',
    ],
  ])('answers a body with %s with 400 ErrorInvalidRequest naming the problem', async (_, body, mention) => {
    const message = expectGraphError(await create(marketing.id, body), 400, 'ErrorInvalidRequest');
    expect(message).toContain(mention);
    expect(sandbox.conversations()).toEqual([]);
  });

  it('answers an unknown property (e.g. "subject") with 400 BadRequest', async () => {
    const result = await create(marketing.id, { ...conversationBody(), subject: 'x' });
    expect(expectGraphError(result, 400, 'BadRequest')).toContain("'subject'");
  });

  it('answers a body that is not JSON with 400 BadRequest', async () => {
    const result = await fetch(`${sandbox.baseUrl}/groups/${marketing.id}/conversations`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${mintSandboxToken()}` },
      body: '{not json',
    });
    expect(result.status).toBe(400);
    expect(((await result.json()) as { error: { code: string } }).error.code).toBe('BadRequest');
  });
});

describe('reading and replying to conversations', () => {
  it('lists and gets conversations and threads of the group', async () => {
    const created = await create(falcon.id);
    const list = await call(sandbox, 'GET', `/groups/${falcon.id}/conversations`);
    expect(list.status).toBe(200);
    expect(list.json.value).toEqual([
      expect.objectContaining({ id: created.json.id, topic: 'Q3 launch plan' }),
    ]);
    const one = await call(sandbox, 'GET', `/groups/${falcon.id}/conversations/${created.json.id}`);
    expect(one.json).toEqual({
      '@odata.context': `${sandbox.baseUrl}/$metadata#groups('${falcon.id}')/conversations/$entity`,
      id: created.json.id,
      topic: 'Q3 launch plan',
      hasAttachments: false,
      lastDeliveredDateTime: expect.stringMatching(TIMESTAMP),
      uniqueSenders: ['Alex Wilber'],
      preview: 'Hello team, the plan & dates.',
    });
    const threads = await call(sandbox, 'GET', `/groups/${falcon.id}/threads`);
    expect(threads.json.value).toEqual([expect.objectContaining({ id: created.json.threads[0].id })]);
    const missing = await call(sandbox, 'GET', `/groups/${falcon.id}/conversations/AAQkAnope=`);
    expectGraphError(missing, 404, 'ErrorItemNotFound');
  });

  it('applies the same membership rules to reads', async () => {
    const other = { oid: DEMO_TENANT.users.lee.id };
    const created = await create(leadership.id, conversationBody(), other);
    expect(created.status).toBe(201);
    expectGraphError(
      await call(sandbox, 'GET', `/groups/${leadership.id}/conversations`),
      403,
      'ErrorAccessDenied',
    );
  });

  it('appends a reply to a thread: 202 with an empty body', async () => {
    const created = await create(marketing.id);
    const threadId = created.json.threads[0].id;
    const result = await call(sandbox, 'POST', `/groups/${marketing.id}/threads/${threadId}/reply`, {
      claims: { oid: megan.id },
      body: { post: { body: { contentType: 'text', content: 'Count me in' } } },
    });
    expect(result.status).toBe(202);
    expect(result.text).toBe('');
    const [stored] = sandbox.conversations(marketing.id);
    expect(stored.threads[0].posts).toHaveLength(2);
    expect(stored.threads[0].posts[1]).toMatchObject({
      body: { contentType: 'text', content: 'Count me in' },
      sender: { emailAddress: { name: 'Megan Bowen', address: megan.mail } },
    });
    expect(stored.uniqueSenders).toEqual(['Alex Wilber', 'Megan Bowen']);
    const posts = await call(sandbox, 'GET', `/groups/${marketing.id}/threads/${threadId}/posts`);
    expect(posts.json.value).toHaveLength(2);
  });

  it('answers a reply to an unknown thread with 404', async () => {
    const result = await call(sandbox, 'POST', `/groups/${marketing.id}/threads/AAQkAnope=/reply`, {
      body: { post: { body: { contentType: 'text', content: 'x' } } },
    });
    expect(result.status).toBe(404);
  });

  it('refuses a reply from a non-member of a private group with 403', async () => {
    const created = await create(falcon.id);
    const result = await call(
      sandbox,
      'POST',
      `/groups/${falcon.id}/threads/${created.json.threads[0].id}/reply`,
      {
        claims: { oid: DEMO_TENANT.users.nestor.id },
        body: { post: { body: { contentType: 'text', content: 'x' } } },
      },
    );
    expectGraphError(result, 403, 'ErrorAccessDenied');
  });
});
