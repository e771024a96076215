import type { InvokeResponse } from 'botbuilder';
import { text } from '../i18n/catalog';
import type { Language } from '../i18n/language';

/**
 * Error answers to invokes, each in the shape the invoke's surface documents, so Teams can show the message:
 * - `adaptiveCard/action`: a Universal Actions error response, `type: application/vnd.microsoft.error` with
 *   `{code, message}` (https://learn.microsoft.com/adaptive-cards/authoring-cards/universal-action-model);
 * - dialogs (`composeExtension/*`, `task/*`): a message response, `task: {type: "message", value}`, which
 *   Teams shows in a message box (https://learn.microsoft.com/microsoftteams/platform/task-modules-and-cards/task-modules/task-modules-bots);
 * - anything else: `{error: {code, message}}`, the Bot Framework error body.
 */

export function invokeError(
  invokeName: string | undefined,
  status: number,
  code: string,
  message: string,
): InvokeResponse {
  if (invokeName === 'adaptiveCard/action')
    return {
      status,
      body: { statusCode: status, type: 'application/vnd.microsoft.error', value: { code, message } },
    };
  if (invokeName?.startsWith('composeExtension/') || invokeName?.startsWith('task/'))
    return { status, body: { task: { type: 'message', value: message } } };
  return { status, body: { error: { code, message } } };
}

/** An exception in our code while answering: 500, never botbuilder's empty 501. */
export function failedInvoke(invokeName: string | undefined, language: Language): InvokeResponse {
  return invokeError(invokeName, 500, 'InternalError', text(language, 'messages.chat.failed'));
}

/** Thrown by a handler that refuses what it was sent (`message` in the turn's language); bot.ts answers it. */
export class InvokeRefusal extends Error {
  readonly response: InvokeResponse;

  constructor(invokeName: string | undefined, status: 400 | 403 | 404, code: string, message: string) {
    super(message);
    this.name = 'InvokeRefusal';
    this.response = invokeError(invokeName, status, code, message);
  }
}
