import type { Locator } from 'playwright-core';
import { DEMO_TENANT } from '../../sandbox/demo-tenant';
import { MessageExtensionDialog } from './support/message-extension';
import { storedConversations } from './support/sandbox-admin';
import { saveCardScreenshot } from './support/screenshots';
import { usePlaygroundSession } from './support/session';

/**
 * The message-extension action (fetchTask → dialog → submitAction) through the real Playground UI in headless
 * Chromium. The Playground (0.2.28) ignores the manifest: the command id is typed into its own prompt, as a
 * developer would. Each test opens a fresh page on the same stack and resets the sandbox first.
 *
 * What this Playground cannot do, so no test here can: show a `botMessagePreview` answer or send it. Its
 * client handles that answer type only by logging "ME.Action.BotMessagePreview.NotSupported" and flagging
 * the submit as failed, and it never sends `botMessagePreviewAction` ("edit"/"send") at all. The first test
 * pins that behaviour, so a Playground upgrade that adds previews makes it fail and gets the Send step added.
 */

/** The command's id in appPackage/manifest.json. */
const COMMAND_ID = 'startGroupConversation';
const MARKETING = DEMO_TENANT.groups.marketing;
const TIMEOUT_MS = 60_000;

interface DialogAnswer {
  task?: { type: string; value: { title?: string } };
  composeExtension?: { type: string; activityPreview?: { attachments?: Array<{ content: unknown }> } };
}

const session = usePlaygroundSession(TIMEOUT_MS);

test(
  'compose box: the dialog shows the form, submitting posts once and answers a confirmation preview',
  async () => {
    const dialog = await MessageExtensionDialog.fromComposeBox(session.page, COMMAND_ID);
    expect(dialog.fetchTask.request.value).toMatchObject({
      commandId: COMMAND_ID,
      commandContext: 'compose',
    });
    const form = dialog.form();
    await expectVisible(form.text('Start a group conversation'));
    await expectValue(form.topic(), '');

    await form.chooseGroup(MARKETING.displayName);
    await form.topic().fill('Launch retrospective');
    await form.message().fill('What went well, what did not? Notes by Friday.');
    await saveCardScreenshot(dialog.surface, 'message-extension-dialog');
    const submit = await dialog.submit('Start conversation');

    // The bot's answer, as the Playground relayed it to the page: a preview of the confirmation card.
    expect(submit.status).toBe(200);
    const answer = submit.body as DialogAnswer;
    expect(answer.composeExtension?.type).toBe('botMessagePreview');
    const previewCard = JSON.stringify(answer.composeExtension?.activityPreview?.attachments?.[0]?.content);
    expect(previewCard).toContain('Conversation started');
    expect(previewCard).toContain('Launch retrospective');

    // This Playground cannot show a preview: it says so in its Log Panel and the dialog offers no Send.
    await expectVisible(
      session.page.getByText(/botMessagePreview response from Message Extension app is not supported yet/),
    );
    await expectVisible(dialog.text('Unable to reach app. Please try again.'));
    expect(await dialog.surface.getByRole('button', { name: 'Send' }).count()).toBe(0);
    expect(
      await session.page.locator('.ac-adaptiveCard').filter({ hasText: 'Conversation started' }).count(),
    ).toBe(0);

    const stored = await storedConversations(session.stack.sandboxOrigin);
    expect(stored.map(({ topic, groupId }) => ({ topic, groupId }))).toEqual([
      { topic: 'Launch retrospective', groupId: MARKETING.id },
    ]);
  },
  TIMEOUT_MS,
);

test(
  'a message\'s "…" menu: the dialog is prefilled with the message as topic and quoted as the post',
  async () => {
    // The bot answers any chat message with its form; that answer only proves the message has arrived.
    await session.playground.send('Budget review for Q3');
    const dialog = await MessageExtensionDialog.fromMessage(session.page, 'Budget review for Q3', COMMAND_ID);

    expect(dialog.fetchTask.request.value).toMatchObject({
      commandId: COMMAND_ID,
      commandContext: 'message',
      messagePayload: { body: { contentType: 'html', content: 'Budget review for Q3' } },
    });
    const form = dialog.form();
    await expectValue(form.topic(), 'Budget review for Q3');
    expect(await form.message().inputValue()).toBe('Alex Wilber wrote:\n> Budget review for Q3');
    expect(await storedConversations(session.stack.sandboxOrigin)).toEqual([]);
  },
  TIMEOUT_MS,
);

test(
  "validation inside the dialog: a message of only spaces gets the bot's errors, with the topic kept",
  async () => {
    const dialog = await MessageExtensionDialog.fromComposeBox(session.page, COMMAND_ID);
    const form = dialog.form();
    await form.chooseGroup(MARKETING.displayName);
    await form.topic().fill('Budget questions');
    // Blanks pass the renderer's isRequired check: only the bot's own validation can catch them.
    await form.message().fill('   ');
    const submit = await dialog.submit('Start conversation');

    expect((submit.body as DialogAnswer).task?.type).toBe('continue');
    await expectVisible(form.text('Please fix the following:'));
    await expectVisible(form.text(/Write the message to post\./));
    await expectValue(form.topic(), 'Budget questions');
    expect(await storedConversations(session.stack.sandboxOrigin)).toEqual([]);
  },
  TIMEOUT_MS,
);

async function expectVisible(locator: Locator): Promise<void> {
  await locator.first().waitFor({ state: 'visible', timeout: 15_000 });
}

async function expectValue(locator: Locator, value: string): Promise<void> {
  expect(await locator.inputValue()).toBe(value);
}
