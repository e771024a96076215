import { type TSchema, Type } from '@sinclair/typebox';
import { compileAll } from '../shared/compiled-schemas';

/**
 * The `value` of each invoke the app serves, type-checked before botbuilder or our middleware reads it.
 * botbuilder passes `value` through unchecked (it reads `value.action.type` of a card action without
 * looking), so a `value` of the wrong shape would end as a TypeError inside the turn. Only the fields read
 * are typed; a card action's `verb` and `data` are the card contract's business (cards/contract.ts).
 * Shapes as documented for Universal Actions
 * (https://learn.microsoft.com/microsoftteams/platform/task-modules-and-cards/cards/universal-actions-for-adaptive-cards/work-with-universal-actions-for-adaptive-cards),
 * message-extension actions
 * (https://learn.microsoft.com/microsoftteams/platform/messaging-extensions/how-to/action-commands/respond-to-task-module-submit)
 * and SSO (https://learn.microsoft.com/microsoftteams/platform/bots/how-to/authentication/bot-sso-code).
 */

const Text = Type.Optional(Type.String());
const SignInProof = {
  authentication: Type.Optional(Type.Object({ id: Text, connectionName: Text, token: Text })),
  state: Text,
};

const CardAction = Type.Object({
  action: Type.Object({
    type: Type.String(),
    id: Text,
    verb: Type.Optional(Type.Unknown()),
    data: Type.Optional(Type.Unknown()),
  }),
  trigger: Type.Optional(Type.Unknown()),
  ...SignInProof,
});

/** A preview card as the client sends it back: only the draft id in its actions or refresh is looked for. */
const PreviewActivity = Type.Object({
  attachments: Type.Optional(
    Type.Array(
      Type.Object({
        content: Type.Optional(
          Type.Object({
            actions: Type.Optional(Type.Array(Type.Object({ data: Type.Optional(Type.Unknown()) }))),
            refresh: Type.Optional(
              Type.Object({ action: Type.Optional(Type.Object({ data: Type.Optional(Type.Unknown()) })) }),
            ),
          }),
        ),
      }),
    ),
  ),
});

const MessageExtensionAction = Type.Object({
  commandId: Type.Optional(Type.Unknown()),
  commandContext: Text,
  data: Type.Optional(Type.Unknown()),
  botMessagePreviewAction: Text,
  botActivityPreview: Type.Optional(Type.Array(PreviewActivity, { maxItems: 10 })),
  messagePayload: Type.Optional(
    Type.Object({
      body: Type.Optional(Type.Object({ content: Text, contentType: Text })),
      from: Type.Optional(Type.Object({ user: Type.Optional(Type.Object({ displayName: Text })) })),
      linkToMessage: Text,
    }),
  ),
  ...SignInProof,
});

/** Each invoke name's value schema, compiled once (see shared/compiled-schemas.ts). */
const INVOKE_VALUES = compileAll(
  new Map<string, TSchema>([
    ['adaptiveCard/action', CardAction],
    ['composeExtension/fetchTask', MessageExtensionAction],
    ['composeExtension/submitAction', MessageExtensionAction],
    ['signin/verifyState', Type.Object({ state: Text })],
    ['signin/tokenExchange', Type.Object({ id: Text, connectionName: Text, token: Text })],
  ]),
);

/** The first problem with an invoke's value, as "field: problem"; undefined when it is fine or not ours. */
export function invokeValueProblem(name: unknown, value: unknown): string | undefined {
  if (typeof name !== 'string' || value === undefined) return undefined;
  const schema = INVOKE_VALUES.get(name);
  if (!schema || schema.Check(value)) return undefined;
  const first = schema.Errors(value).First();
  const field = `value${(first?.path ?? '').replaceAll('/', '.')}`;
  // i18n-exempt: a schema diagnostic in typebox's own English, for whoever sent the malformed request.
  return `${field}: ${first?.message ?? 'is malformed'}`;
}
