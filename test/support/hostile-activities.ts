import fc from 'fast-check';
import { DEMO_TENANT } from '../../sandbox/demo-tenant';
import {
  CHANNEL_SCOPE,
  cardActionActivity,
  GROUP_CHAT,
  installActivity,
  invokeActivity,
  messageActivity,
  PERSONAL,
  type Scope,
  type TeamsActivity,
} from './teams-activities';

/**
 * fast-check arbitraries of Teams activities, every kind the bot receives, shaped as Teams sends them but
 * filled with hostile values: prototype names, markdown and bidi tricks, lone surrogates, wrong JSON types,
 * foreign tenants, and fields replaced or removed at random.
 */

const { groups, users } = DEMO_TENANT;
const FOREIGN_TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';

const PROTOTYPE_NAMES = ['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf', 'prototype'];

export const hostileText: fc.Arbitrary<string> = fc.oneof(
  fc.string({ maxLength: 80 }),
  fc.string({ unit: 'binary', maxLength: 80 }),
  fc.constantFrom(
    ...PROTOTYPE_NAMES,
    'help',
    'sign out',
    'logout',
    '?',
    '',
    ' ',
    '[Reset password](https://evil.example)',
    '**bold** _it_ - list\n1. one',
    'Invoice\u202efdp.exe',
    'NUL\u0000inside',
    '\ud800 lone surrogate',
    // biome-ignore lint/suspicious/noTemplateCurlyInString: literal template syntax is the input under test
    '${draftId} ${json(groups)}',
    '{{DATE(2017-02-14T06:00:00Z, SHORT)}}',
    '<script>alert(1)</script>',
    '../../..',
    'x'.repeat(300),
  ),
);

const anyJson: fc.Arbitrary<unknown> = fc.jsonValue({ maxDepth: 3 });
/** A field's value: usually text, sometimes any other JSON type. */
const fieldValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: hostileText },
  { weight: 1, arbitrary: anyJson },
);

const groupId = fc.oneof(
  fc.constantFrom(
    groups.falcon.id,
    groups.marketing.id,
    '',
    '..',
    '../users',
    'marketing',
    '00000000-0000-0000-0000-000000000000',
  ),
  fc.uuid(),
  fieldValue,
);

/** What a form's Execute or Submit carries, with inputs merged in: well formed or not. */
const formData: fc.Arbitrary<unknown> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record(
      {
        draftId: fc.oneof(fc.uuid(), fieldValue),
        linkedGroupId: fc.oneof(fc.constant(''), groupId),
        linkedGroupName: fieldValue,
        groupChoices: fc.oneof(
          fc.constant([{ id: groups.falcon.id, displayName: groups.falcon.displayName }]),
          fc.array(fc.record({ id: groupId, displayName: fieldValue }), { maxLength: 3 }),
          anyJson,
        ),
        groupId,
        topic: fieldValue,
        body: fieldValue,
        participants: fc.oneof(fc.constant(users.megan.id), fieldValue),
        emails: fc.oneof(fc.constant('guest@fabrikam.com'), fieldValue),
        verb: fc.oneof(
          fc.constantFrom('createConversation', 'checkConversation', 'postAnyway', 'newDraft'),
          fieldValue,
        ),
        msteams: fc.oneof(fc.constant({ justInTimeInstall: true }), anyJson),
      },
      { requiredKeys: ['draftId'] },
    ),
  },
  { weight: 1, arbitrary: anyJson },
);

/** A submit that passes the contract and usually validation: hostile text where users type, posted for real. */
const postableSubmit: fc.Arbitrary<Record<string, unknown>> = fc.record({
  draftId: fc.uuid(),
  linkedGroupId: fc.constant(''),
  groupChoices: fc.constant([
    { id: groups.falcon.id, displayName: groups.falcon.displayName },
    { id: groups.marketing.id, displayName: groups.marketing.displayName },
  ]),
  groupId: fc.constantFrom(groups.falcon.id, groups.marketing.id),
  topic: hostileText.map((text) => `T ${text}`),
  body: hostileText.map((text) => `B ${text}`),
  participants: fc.constantFrom('', users.megan.id, `${users.megan.id},${users.lee.id}`),
  emails: fc.constantFrom('', 'guest@fabrikam.com', 'Megan <megan@contoso.onmicrosoft.com>; x@y.z'),
});

const verb = fc.oneof(
  fc.constantFrom('createConversation', 'checkConversation', 'postAnyway', 'newDraft', ...PROTOTYPE_NAMES),
  fieldValue,
);
const scope: fc.Arbitrary<Scope> = fc.constantFrom(PERSONAL, GROUP_CHAT, CHANNEL_SCOPE, {
  kind: 'channel',
  omitAadGroupId: true,
});
const commandId = fc.oneof(
  fc.constant('startGroupConversation'),
  fc.constantFrom(...PROTOTYPE_NAMES),
  fieldValue,
);

/** Every kind of activity, as Teams would send it to `serviceUrl`. */
export function teamsActivity(serviceUrl: string): fc.Arbitrary<TeamsActivity> {
  const kinds: fc.Arbitrary<TeamsActivity> = fc.oneof(
    fc.tuple(hostileText, scope).map(([text, where]) => messageActivity(serviceUrl, text, where)),
    fc
      .tuple(postableSubmit, scope)
      .map(([data, where]) => cardActionActivity(serviceUrl, 'createConversation', data, where)),
    fc
      .tuple(postableSubmit, fc.constantFrom('checkConversation', 'postAnyway'))
      .map(([data, name]) => cardActionActivity(serviceUrl, name, { draftId: data.draftId })),
    postableSubmit.map((data) =>
      invokeActivity(serviceUrl, 'composeExtension/submitAction', {
        commandId: 'startGroupConversation',
        commandContext: 'compose',
        data,
      }),
    ),
    scope.map((where) => installActivity(serviceUrl, where)),
    fc
      .tuple(verb, formData, scope, fc.constantFrom('manual', 'automatic', 5, undefined))
      .map(([name, data, where, trigger]) => {
        const activity = cardActionActivity(serviceUrl, 'createConversation', {}, where);
        return { ...activity, value: { action: { type: 'Action.Execute', verb: name, data }, trigger } };
      }),
    fc
      .tuple(commandId, fc.constantFrom('compose', 'message', 'commandbox', 7), fc.option(anyJson), scope)
      .map(([id, context, messagePayload, where]) =>
        invokeActivity(
          serviceUrl,
          'composeExtension/fetchTask',
          { commandId: id, commandContext: context, messagePayload },
          where,
        ),
      ),
    fc
      .tuple(
        commandId,
        formData,
        fc.option(fc.constantFrom('edit', 'send', 'delete', 5)),
        fc.option(anyJson),
        scope,
      )
      .map(([id, data, previewAction, preview, where]) =>
        invokeActivity(
          serviceUrl,
          'composeExtension/submitAction',
          {
            commandId: id,
            commandContext: 'compose',
            data,
            ...(previewAction === null ? {} : { botMessagePreviewAction: previewAction }),
            ...(preview === null ? {} : { botActivityPreview: [preview] }),
          },
          where,
        ),
      ),
    fc
      .tuple(fc.constantFrom('signin/verifyState', 'signin/tokenExchange', 'signin/failure'), anyJson)
      .map(([name, value]) => invokeActivity(serviceUrl, name, value as Record<string, unknown>)),
    fc
      .tuple(
        fc.oneof(fc.constantFrom(...PROTOTYPE_NAMES, 'task/fetch', 'composeExtension/query'), hostileText),
        anyJson,
      )
      .map(([name, value]) => invokeActivity(serviceUrl, name, value as Record<string, unknown>)),
    fc
      .tuple(
        fc.constantFrom('messageReaction', 'installationUpdate', 'event', 'typing', 'endOfConversation'),
        anyJson,
      )
      .map(([type, value]) => ({ ...messageActivity(serviceUrl, 'x'), type, value })),
  );
  return fc
    .tuple(kinds, mutation, tenantChange)
    .map(([activity, mutate, tenant]) => tenant(mutate(activity)));
}

const ENVELOPE_FIELDS = [
  'type',
  'id',
  'name',
  'channelId',
  'serviceUrl',
  'from',
  'recipient',
  'conversation',
  'channelData',
  'text',
  'entities',
  'value',
  'timestamp',
  'localTimestamp',
  'replyToId',
  'membersAdded',
  'attachments',
];

/** Usually nothing; otherwise one envelope field removed or replaced with any JSON value. */
const mutation: fc.Arbitrary<(activity: TeamsActivity) => TeamsActivity> = fc.oneof(
  { weight: 4, arbitrary: fc.constant((activity: TeamsActivity) => activity) },
  {
    weight: 1,
    arbitrary: fc.tuple(fc.constantFrom(...ENVELOPE_FIELDS), fc.option(anyJson)).map(([field, value]) => {
      return (activity: TeamsActivity): TeamsActivity => {
        const changed: TeamsActivity = { ...activity };
        if (value === null) delete changed[field];
        else
          changed[field] = field === 'serviceUrl' && typeof value === 'string' ? `not a url ${value}` : value;
        return changed;
      };
    }),
  },
);

/** Usually the demo tenant; sometimes another, none, or two that disagree. */
const tenantChange: fc.Arbitrary<(activity: TeamsActivity) => TeamsActivity> = fc
  .constantFrom('same', 'same', 'same', 'same', 'same', 'same', 'foreign', 'none', 'conflicting')
  .map((kind) => (activity: TeamsActivity): TeamsActivity => {
    if (kind === 'same') return activity;
    const channelData =
      typeof activity.channelData === 'object' && activity.channelData ? activity.channelData : {};
    const conversation =
      typeof activity.conversation === 'object' && activity.conversation ? activity.conversation : {};
    const ids = {
      foreign: [FOREIGN_TENANT, FOREIGN_TENANT],
      none: [undefined, undefined],
      conflicting: [DEMO_TENANT.tenantId, FOREIGN_TENANT],
    }[kind];
    return {
      ...activity,
      channelData: { ...channelData, tenant: ids[0] === undefined ? undefined : { id: ids[0] } },
      conversation: { ...conversation, tenantId: ids[1] },
    };
  });

/** Raw HTTP requests that are not a JSON activity at all: other types, encodings, bytes. */
export const hostileRequest = fc.record({
  contentType: fc.oneof(
    fc.constantFrom(
      'application/json',
      'application/json; charset=utf-8',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'text/plain',
      'application/json; charset=latin1',
    ),
    fc.stringMatching(/^[ -~]{0,40}$/),
  ),
  encoding: fc.option(fc.constantFrom('gzip', 'deflate', 'br', 'identity', 'compress')),
  body: fc.oneof(
    fc.uint8Array({ maxLength: 2048 }).map((bytes) => Buffer.from(bytes)),
    fc.jsonValue({ maxDepth: 4 }).map((value) => Buffer.from(JSON.stringify(value) ?? 'null')),
    fc.string({ unit: 'binary', maxLength: 500 }).map((text) => Buffer.from(text)),
  ),
});
