import type { Locator, Page } from 'playwright-core';

const COMPOSE_BOX = '[data-lexical-editor="true"][role="textbox"]';
/**
 * A card the bot sent: the Playground renders Adaptive Cards with the adaptivecards library, and rich cards
 * (hero, OAuth, sign-in…) with its own hero-card component.
 */
const CARD = '.ac-adaptiveCard, [data-tid="hero-card"]';

/** What the Playground's page fetches to fill its custom-activity editor. */
const CUSTOM_ACTIVITY_TEMPLATE = '/_internal/v1/customActivities/template';

/** The custom-activity editor's template: an activity of this chat, from the current user to the bot. */
export interface ActivityTemplate {
  channelId: string;
  serviceUrl: string;
  from: { id: string; aadObjectId?: string };
  recipient: { id: string; name?: string };
  conversation: { id: string; conversationType?: string; tenantId?: string };
}

/** The parts of the Playground's UI the tests use, named as a person would describe them. */
export class PlaygroundPage {
  private answers = 0;

  constructor(readonly page: Page) {}

  async open(url: string): Promise<void> {
    await this.page.goto(url);
    await this.page.locator(COMPOSE_BOX).first().waitFor();
  }

  /** A chat or channel in the left rail, e.g. "Personal Chat" or "General". */
  async openConversation(name: string): Promise<void> {
    await this.page.getByText(name, { exact: true }).first().click();
    await this.page.locator(COMPOSE_BOX).first().waitFor();
  }

  /**
   * Sends a topic as a chat message and returns the form the bot answers with. In a group chat pass `mention`: Teams
   * only delivers messages there that @mention the bot.
   */
  async send(text: string, mention?: string): Promise<Locator> {
    return this.expectNewCard(this.echoing(text), () => this.type(text, mention));
  }

  /**
   * Sends a chat message and returns the first new card that shows `content`: for answers that do not echo
   * the message, such as the sign-in card.
   */
  async sendExpecting(text: string, content: string | RegExp, mention?: string): Promise<Locator> {
    return this.expectNewCard(this.page.getByText(content), () => this.type(text, mention));
  }

  /**
   * Sends an activity through the Playground's own "Mock an Activity" → "Custom activity" editor, which posts
   * it to the bot as given (its server's `sendCustomActivity`), and returns the first new card that shows
   * `content`. The one way to send what the Playground's chat never does, such as a `locale` other than
   * "en-US". `write` turns the editor's template (ids of this chat, bot and user, from the Playground's
   * config) into the activity.
   */
  async sendCustomActivity(
    write: (template: ActivityTemplate) => object,
    content: string | RegExp,
  ): Promise<Locator> {
    return this.expectNewCard(this.page.getByText(content), async () => {
      await this.page.getByRole('button', { name: 'Mock an Activity' }).click();
      const [templateResponse] = await Promise.all([
        this.page.waitForResponse((response) => response.url().includes(CUSTOM_ACTIVITY_TEMPLATE)),
        this.page.getByText('Custom activity', { exact: true }).click(),
      ]);
      const activity = write((await templateResponse.json()) as ActivityTemplate);
      const editor = this.page.getByRole('dialog', { name: 'Custom activity' });
      // The editor is Monaco, which auto-indents and auto-closes what it is given: one line, then cut the
      // closing characters it added after the cursor.
      await editor.getByRole('textbox').focus();
      await this.page.keyboard.press('ControlOrMeta+A');
      await this.page.keyboard.insertText(JSON.stringify(activity));
      await this.page.keyboard.press('Shift+ControlOrMeta+End');
      await this.page.keyboard.press('Delete');
      await editor.getByRole('button', { name: 'Send activity' }).click();
      await editor.waitFor({ state: 'hidden' });
    });
  }

  private async type(text: string, mention?: string): Promise<void> {
    await this.page.locator(COMPOSE_BOX).last().click();
    if (mention) await this.typeMention(mention);
    await this.page.keyboard.type(mention ? ` ${text}` : text);
    await this.page.keyboard.press('Enter');
  }

  /**
   * Sends what the compose box holds (e.g. a card a message extension inserted) with its send button, and
   * returns the first new card in the conversation that shows `content`.
   */
  async sendComposed(content: string | RegExp): Promise<Locator> {
    return this.expectNewCard(this.page.getByText(content), () =>
      this.page.getByRole('button', { name: 'Send Message' }).last().click(),
    );
  }

  /** Starts a channel post that @mentions the bot and returns the form the bot answers with in its thread. */
  async postMentioning(botName: string, text: string): Promise<Locator> {
    return this.expectNewCard(this.echoing(text), async () => {
      await this.page.locator(COMPOSE_BOX).first().click();
      await this.typeMention(botName);
      await this.page.keyboard.type(` ${text}`);
      await this.page.getByRole('button', { name: 'Post', exact: true }).click();
    });
  }

  private async typeMention(botName: string): Promise<void> {
    await this.page.keyboard.type(`@${botName.slice(0, 3)}`);
    await this.page.getByRole('menuitem').filter({ hasText: botName }).click();
  }

  /**
   * The card the bot answers with, recognised by what it contains (`has`): cards already on the page are tagged
   * first, and a welcome card the Playground's install events trigger may arrive at the same moment. The
   * answer is then pinned by an attribute: Action.Execute refreshes re-render inside the same element.
   */
  private async expectNewCard(has: Locator, act: () => Promise<void>): Promise<Locator> {
    await this.page.locator(CARD).evaluateAll((cards) => {
      for (const card of cards) card.setAttribute('data-e2e-seen', '');
    });
    await act();
    const answer = this.page.locator(`:is(${CARD}):not([data-e2e-seen])`).filter({ has }).first();
    await answer.waitFor();
    const pin = `answer-${++this.answers}`;
    await answer.evaluate((card, id) => card.setAttribute('data-e2e-card', id), pin);
    return this.page.locator(`[data-e2e-card="${pin}"]`);
  }

  /** A form that echoes the topic in its topic input. */
  private echoing(topic: string): Locator {
    return this.page.locator(`input[value=${JSON.stringify(topic)}]`);
  }
}

/** One Adaptive Card in the conversation; Action.Execute answers re-render it in place. */
export class CardView {
  constructor(readonly card: Locator) {}

  async chooseGroup(name: string): Promise<void> {
    await this.card.getByPlaceholder('Choose a group').click();
    await this.card.page().getByRole('option', { name }).click();
  }

  topic(): Locator {
    return this.card.getByPlaceholder('What is the conversation about?');
  }

  message(): Locator {
    return this.card.getByPlaceholder('The first post of the conversation');
  }

  /** The confirmation card's inline reply form (Action.ShowCard), once "Reply" has opened it. */
  replyText(): Locator {
    return this.card.getByPlaceholder('Write your reply');
  }

  button(title: string): Locator {
    return this.card.getByRole('button', { name: title });
  }

  async press(title: string): Promise<void> {
    await this.button(title).click();
  }

  text(content: string | RegExp): Locator {
    return this.card.getByText(content);
  }
}
