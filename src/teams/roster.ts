/**
 * The connector answers 403 with code BotNotInConversationRoster when the app is not installed where the
 * user invoked its message extension. Read from the error's parsed body, never from its message text.
 */
export function isBotNotInRoster(error: unknown): boolean {
  const rest = error as {
    statusCode?: number;
    response?: { parsedBody?: unknown; bodyAsText?: string };
    body?: unknown;
  };
  if (rest?.statusCode !== 403) return false;
  const body = rest.response?.parsedBody ?? rest.body ?? parse(rest.response?.bodyAsText);
  return (body as { error?: { code?: string } } | undefined)?.error?.code === 'BotNotInConversationRoster';
}

function parse(text: string | undefined): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
