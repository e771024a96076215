import { toCreateConversationRequest } from '../../src/domain/graph-request';

describe('toCreateConversationRequest', () => {
  test('builds exactly the body documented for POST /groups/{id}/conversations', () => {
    const request = toCreateConversationRequest(
      { topic: 'New Conversation Topic', body: 'this is body content' },
      [{ name: 'Alex Darrow', address: 'alexd@contoso.com' }],
    );
    expect(request).toStrictEqual({
      topic: 'New Conversation Topic',
      threads: [
        {
          posts: [
            {
              body: { contentType: 'html', content: 'this is body content' },
              newParticipants: [{ emailAddress: { name: 'Alex Darrow', address: 'alexd@contoso.com' } }],
            },
          ],
        },
      ],
    });
    // Serialised exactly as the documentation example: no `from`, no extra keys.
    expect(JSON.stringify(request)).toBe(
      '{"topic":"New Conversation Topic","threads":[{"posts":[{"body":{"contentType":"html","content":"this is body content"},"newParticipants":[{"emailAddress":{"name":"Alex Darrow","address":"alexd@contoso.com"}}]}]}]}',
    );
  });

  test('the body is sent as safe HTML with line breaks kept', () => {
    const request = toCreateConversationRequest({ topic: 'Launch', body: 'Hi <team>,\r\nsee you & bye' }, []);
    expect(request.threads[0].posts[0].body).toEqual({
      contentType: 'html',
      content: 'Hi &lt;team&gt;,<br>see you &amp; bye',
    });
  });

  test('the topic is passed as typed (Graph treats it as text, not HTML)', () => {
    expect(toCreateConversationRequest({ topic: 'R&D <2025>', body: 'x' }, []).topic).toBe('R&D <2025>');
  });

  test('without added people newParticipants is an empty list; several people keep their order', () => {
    expect(
      toCreateConversationRequest({ topic: 't', body: 'b' }, []).threads[0].posts[0].newParticipants,
    ).toEqual([]);
    const recipients = [
      { name: 'Megan Bowen', address: 'meganb@contoso.com' },
      { name: 'Guest', address: 'guest@fabrikam.com' },
    ];
    expect(
      toCreateConversationRequest({ topic: 't', body: 'b' }, recipients).threads[0].posts[0].newParticipants,
    ).toEqual([
      { emailAddress: { name: 'Megan Bowen', address: 'meganb@contoso.com' } },
      { emailAddress: { name: 'Guest', address: 'guest@fabrikam.com' } },
    ]);
  });
});
