import type { Page, Request } from 'playwright-core';

/** Where the Playground's page sends every invoke; its server forwards it to the bot as an activity. */
export const INVOKE_PATH = '/_conversation/v1/invoke';

/** One `adaptiveCard/action` (Action.Execute) the page sent, and what the bot answered through the Playground. */
export interface CardActionExchange {
  verb: string;
  data: Record<string, unknown>;
  status: number;
  /** The answer's card, as JSON text: enough to check what it says. */
  answer: string;
}

interface InvokeBody {
  name?: string;
  value?: { action?: { verb?: string; data?: Record<string, unknown> } };
}

/**
 * Records every card action the page sends from now on. `answered()` waits for all their answers: a double
 * click's second invoke can still be under way when the card already shows the first one's answer.
 */
export class CardActionRecorder {
  private readonly sent: Request[] = [];

  constructor(page: Page) {
    page.on('request', (request) => {
      if (request.url().endsWith(INVOKE_PATH) && bodyOf(request)?.name === 'adaptiveCard/action')
        this.sent.push(request);
    });
  }

  async answered(verb: string): Promise<CardActionExchange[]> {
    const requests = this.sent.filter((request) => bodyOf(request)?.value?.action?.verb === verb);
    return Promise.all(
      requests.map(async (request) => {
        const response = await request.response();
        if (!response) throw new Error(`The ${verb} invoke got no answer.`);
        const action = bodyOf(request)?.value?.action;
        return {
          verb,
          data: action?.data ?? {},
          status: response.status(),
          answer: JSON.stringify(await response.json()),
        };
      }),
    );
  }
}

function bodyOf(request: Request): InvokeBody | undefined {
  return (request.postDataJSON() as InvokeBody | null) ?? undefined;
}
