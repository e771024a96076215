import type { Locator, Page } from 'playwright-core';
import { INVOKE_PATH } from './card-actions';
import { CardView } from './playground-page';

/**
 * The Playground's action-based message extension, as it works in @microsoft/m365agentsplayground 0.2.28.
 * It does not read the app manifest (README: "Application manifest is not being processed"): the user picks
 * "Action Command" from the message-extension menu and types the command id into the Playground's own
 * "Command ID option dialog". That same dialog then shows the bot's fetchTask card, and re-renders with
 * whatever `task: continue` card the bot answers a submitAction with.
 */

const COMPOSE_TRIGGER = 'button[aria-label="Trigger Message Extension App"]';
const COMPOSE_BOX = '[data-lexical-editor="true"][role="textbox"]';
/** The "…" on a message in the chat; the Playground offers message-context action commands there. */
const MESSAGE_MENU = 'Show more information';
const MESSAGE_HEADER = '[aria-label="Message header"]';
const OPTION_DIALOG = 'Command ID option dialog';
/** The search flyout's heading: the flyout is a popover (role "group") with no name of its own. */
const SEARCH_TITLE = 'Search-Based Message Extension';

/** What the page sent for one invoke and what the bot answered, as the Playground relayed it. */
export interface InvokeExchange {
  request: InvokeRequest;
  status: number;
  body: unknown;
}

export interface InvokeRequest {
  name: string;
  value: {
    commandId?: string;
    commandContext?: string;
    parameters?: Array<{ name: string; value: string }>;
    data?: Record<string, unknown>;
    messagePayload?: { body?: { contentType?: string; content?: string } };
  };
  from: { id: string };
  conversation: { id: string };
}

export class MessageExtensionDialog {
  private constructor(
    readonly page: Page,
    /** The Playground's dialog: first its command-id prompt, then the bot's card. */
    readonly surface: Locator,
    /** The composeExtension/fetchTask that filled it. */
    readonly fetchTask: InvokeExchange,
  ) {}

  /** The message-extension button in the compose box (commandContext "compose"). */
  static async fromComposeBox(page: Page, commandId: string): Promise<MessageExtensionDialog> {
    await page.locator(COMPOSE_TRIGGER).last().click();
    return MessageExtensionDialog.runActionCommand(page, commandId);
  }

  /** The "…" menu of the chat message whose text is exactly `text` (commandContext "message"). */
  static async fromMessage(page: Page, text: string, commandId: string): Promise<MessageExtensionDialog> {
    const message = page
      .locator(`div:has(> ${MESSAGE_HEADER})`)
      .filter({ has: page.getByText(text, { exact: true }) })
      .last();
    await message.hover();
    await message.getByRole('button', { name: MESSAGE_MENU }).click();
    return MessageExtensionDialog.runActionCommand(page, commandId);
  }

  private static async runActionCommand(page: Page, commandId: string): Promise<MessageExtensionDialog> {
    await page.getByRole('menuitem', { name: 'Action Command' }).click();
    const surface = page.getByRole('dialog', { name: OPTION_DIALOG });
    await surface.getByPlaceholder('Input command id or leave blanks').fill(commandId);
    const fetchTask = await recordInvoke(page, 'composeExtension/fetchTask', () =>
      surface.getByRole('button', { name: 'Create' }).click(),
    );
    const dialog = new MessageExtensionDialog(page, surface, fetchTask);
    await dialog.card.waitFor();
    return dialog;
  }

  /** The bot's Adaptive Card inside the dialog (the fetchTask form, or a submitAction's `continue` card). */
  get card(): Locator {
    return this.surface.locator('.ac-adaptiveCard');
  }

  form(): CardView {
    return new CardView(this.card);
  }

  /** Presses a card button that sends composeExtension/submitAction, and returns that exchange. */
  async submit(title: string): Promise<InvokeExchange> {
    return recordInvoke(this.page, 'composeExtension/submitAction', () => this.form().press(title));
  }

  text(content: string | RegExp): Locator {
    return this.surface.getByText(content);
  }
}

/**
 * The Playground's search-based message extension: "+" → "Search Command" opens a flyout whose "Specify
 * Command ID or Parameter" section takes the command id and parameter name (it does not read the manifest),
 * and every change of its search box sends `composeExtension/query`. It lists each result by its preview;
 * choosing one closes the flyout and inserts the result's card into the compose box, sending nothing (it
 * refuses result lists whose previews have a `tap`, which would make Teams send `composeExtension/selectItem`).
 */
export class SearchFlyout {
  private constructor(
    readonly page: Page,
    readonly surface: Locator,
  ) {}

  static async fromComposeBox(page: Page, commandId: string, parameterName: string): Promise<SearchFlyout> {
    await page.locator(COMPOSE_TRIGGER).last().click();
    await page.getByRole('menuitem', { name: 'Search Command' }).click();
    const flyout = page.getByRole('group').filter({ has: page.getByText(SEARCH_TITLE, { exact: true }) });
    await flyout.getByText('Specify Command ID or Parameter').click();
    await flyout.getByPlaceholder('Command ID').fill(commandId);
    await flyout.getByPlaceholder('Parameter name').fill(parameterName);
    // Folded again, so the results have the flyout's room.
    await flyout.getByText('Specify Command ID or Parameter').click();
    return new SearchFlyout(page, flyout);
  }

  /** Types the words at once, so one query carries them all, and returns that query's exchange. */
  async search(words: string): Promise<InvokeExchange> {
    return recordInvoke(this.page, 'composeExtension/query', () =>
      this.surface.getByPlaceholder('Enter a search term').fill(words),
    );
  }

  /** A listed result, by its preview's title. */
  result(title: string): Locator {
    return this.surface.getByRole('heading', { name: title, exact: true });
  }

  /** Chooses a listed result and returns its card, as the flyout inserted it into the compose box. */
  async choose(title: string): Promise<CardView> {
    await this.result(title).click();
    await this.surface.waitFor({ state: 'hidden' });
    const composed = this.page
      .locator(COMPOSE_BOX)
      .last()
      .locator('.ac-adaptiveCard')
      .filter({ has: this.page.getByText(title, { exact: true }) });
    await composed.waitFor();
    return new CardView(composed);
  }

  text(content: string | RegExp): Locator {
    return this.surface.getByText(content);
  }
}

async function recordInvoke(page: Page, name: string, act: () => Promise<void>): Promise<InvokeExchange> {
  const [response] = await Promise.all([
    page.waitForResponse(
      (candidate) =>
        candidate.url().endsWith(INVOKE_PATH) &&
        (candidate.request().postDataJSON() as InvokeRequest | null)?.name === name,
      { timeout: 15_000 },
    ),
    act(),
  ]);
  return {
    request: response.request().postDataJSON() as InvokeRequest,
    status: response.status(),
    body: (await response.json()) as unknown,
  };
}
