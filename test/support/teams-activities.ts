import { randomUUID } from 'node:crypto';
import { DEMO_TENANT } from '../../sandbox/demo-tenant';

/** Teams activity JSON as the Teams service posts it to /api/messages, for the demo tenant. */

export const BOT = { id: '28:00000000-0000-0000-0000-00000000b075', name: 'Group Conversations' };
export const TEAM = {
  id: '19:8a3fd6a2c5b44c5e8f1a0d3e6c1b2a49@thread.tacv2',
  name: 'Contoso Marketing',
  aadGroupId: DEMO_TENANT.groups.marketing.id,
};
export const CHANNEL = { id: '19:c4f1c8a6b3d24e0f9a7e5d1c2b3a4f50@thread.tacv2', name: 'General' };

type DemoUser = (typeof DEMO_TENANT.users)[keyof typeof DEMO_TENANT.users];

export interface Scope {
  kind: 'personal' | 'groupChat' | 'channel';
  /** Leave out team.aadGroupId, as some Teams events do, to force a TeamsInfo look-up. */
  omitAadGroupId?: boolean;
}

export const PERSONAL: Scope = { kind: 'personal' };
export const GROUP_CHAT: Scope = { kind: 'groupChat' };
export const CHANNEL_SCOPE: Scope = { kind: 'channel' };

export type TeamsActivity = Record<string, unknown>;

export function messageActivity(
  serviceUrl: string,
  text: string,
  scope: Scope = PERSONAL,
  user: DemoUser = DEMO_TENANT.users.alex,
): TeamsActivity {
  const mentioned = scope.kind !== 'personal';
  const mentionText = `<at>${BOT.name}</at>`;
  return {
    ...base(serviceUrl, scope, user),
    type: 'message',
    text: mentioned ? `${mentionText} ${text}` : text,
    textFormat: 'plain',
    // Teams adds the message as HTML to messages with mentions (MicrosoftDocs/msteams-docs#3960).
    ...(mentioned
      ? {
          attachments: [
            {
              contentType: 'text/html',
              content: `<div><div><span itemscope="" itemtype="http://schema.skype.com/Mention" itemid="0">${BOT.name}</span>&nbsp;${text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')}</div></div>`,
            },
          ],
        }
      : {}),
    entities: [
      { type: 'clientInfo', locale: 'en-US', country: 'US', platform: 'Web', timezone: 'Europe/London' },
      ...(mentioned ? [{ type: 'mention', text: mentionText, mentioned: BOT }] : []),
    ],
  };
}

export function cardActionActivity(
  serviceUrl: string,
  verb: string,
  data: Record<string, unknown>,
  scope: Scope = PERSONAL,
  user: DemoUser = DEMO_TENANT.users.alex,
): TeamsActivity {
  return {
    ...base(serviceUrl, scope, user),
    type: 'invoke',
    name: 'adaptiveCard/action',
    replyToId: '1700000000000',
    value: { action: { type: 'Action.Execute', id: randomUUID(), verb, data }, trigger: 'manual' },
  };
}

/**
 * What a client sends when the form's "Start conversation" is pressed: the card's own data (draft id, the
 * group choices it offered) merged with the inputs, as Teams does for `Action.Execute`. A fresh draft id each
 * call; tests override what their case is about.
 */
export function formSubmitData(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const { falcon } = DEMO_TENANT.groups;
  return {
    draftId: randomUUID(),
    linkedGroupId: '',
    linkedGroupName: '',
    groupChoices: [{ id: falcon.id, displayName: falcon.displayName }],
    groupId: falcon.id,
    topic: 'Falcon launch: go/no-go',
    body: 'Please review the launch plan.',
    participants: '',
    emails: '',
    ...overrides,
  };
}

export function installActivity(serviceUrl: string, scope: Scope = PERSONAL): TeamsActivity {
  return {
    ...base(serviceUrl, scope, DEMO_TENANT.users.alex),
    type: 'conversationUpdate',
    membersAdded: [{ id: BOT.id }],
  };
}

/**
 * The activity as a Teams client set to another language sends it: the client's language (BCP 47) is the
 * activity's `locale`, and a message's clientInfo entity carries it too
 * (https://learn.microsoft.com/microsoftteams/platform/concepts/build-and-test/apps-localization).
 */
export function inLocale(locale: string, activity: TeamsActivity): TeamsActivity {
  const { entities } = activity;
  if (!Array.isArray(entities)) return { ...activity, locale };
  return {
    ...activity,
    locale,
    entities: entities.map((entity: Record<string, unknown>) =>
      entity.type === 'clientInfo' ? { ...entity, locale } : entity,
    ),
  };
}

/** The Teams (Bot Framework) user id of a demo user: what the token service keys tokens by. */
export function teamsUserId(user: DemoUser): string {
  return `29:1${user.id.replace(/-/g, '')}`;
}

export function invokeActivity(
  serviceUrl: string,
  name: string,
  value: Record<string, unknown>,
  scope: Scope = PERSONAL,
  user: DemoUser = DEMO_TENANT.users.alex,
): TeamsActivity {
  return { ...base(serviceUrl, scope, user), type: 'invoke', name, value };
}

function base(serviceUrl: string, scope: Scope, user: DemoUser): TeamsActivity {
  const tenant = { id: DEMO_TENANT.tenantId };
  return {
    id: `1700${Math.floor(Math.random() * 1e9)}`,
    timestamp: new Date().toISOString(),
    localTimestamp: new Date().toISOString(),
    serviceUrl,
    channelId: 'msteams',
    from: { id: teamsUserId(user), name: user.displayName, aadObjectId: user.id },
    recipient: BOT,
    conversation: conversationFor(scope),
    channelData: channelDataFor(scope, tenant),
    locale: 'en-US',
  };
}

function conversationFor(scope: Scope): Record<string, unknown> {
  const tenantId = DEMO_TENANT.tenantId;
  if (scope.kind === 'personal')
    return { conversationType: 'personal', tenantId, id: 'a:1personalchatwithalexwilber' };
  if (scope.kind === 'groupChat')
    return { conversationType: 'groupChat', tenantId, isGroup: true, id: '19:meeting_groupchat01@thread.v2' };
  return {
    conversationType: 'channel',
    tenantId,
    isGroup: true,
    id: `${CHANNEL.id};messageid=1700000000000`,
  };
}

function channelDataFor(scope: Scope, tenant: { id: string }): Record<string, unknown> {
  if (scope.kind !== 'channel') return { tenant };
  const team = scope.omitAadGroupId ? { id: TEAM.id, name: TEAM.name } : TEAM;
  return { teamsTeamId: TEAM.id, teamsChannelId: CHANNEL.id, team, channel: CHANNEL, tenant };
}
