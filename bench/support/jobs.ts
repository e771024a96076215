/**
 * What the bench asks of both bots, as Teams would send it. All in a team channel whose Microsoft 365 group
 * is known from the activity (channelData.team.aadGroupId): the same I/O for floor and ours, except where a
 * job says otherwise.
 */
import { randomUUID } from 'node:crypto';
import { DEMO_TENANT } from '../../sandbox/demo-tenant';
import {
  CHANNEL_SCOPE,
  cardActionActivity,
  messageActivity,
  TEAM,
  type TeamsActivity,
} from '../../test/support/teams-activities';
import { BENCH_USER } from './services';

export type JobName = 'form' | 'create' | 'createPicker';

export interface Job {
  name: JobName;
  label: string;
  activity(serviceUrl: string): TeamsActivity;
  /** The HTTP answer to /api/messages is what the user should get. */
  answered(status: number, body: unknown): boolean;
  /** Creates a conversation: Graph requests per conversation are counted. */
  creates: boolean;
}

const { users } = DEMO_TENANT;

function createData(participants: string): Record<string, unknown> {
  return {
    draftId: randomUUID(),
    linkedGroupId: TEAM.aadGroupId,
    linkedGroupName: TEAM.name,
    topic: 'Bench: quarterly review',
    body: 'Line one\nLine two',
    participants,
    emails: 'guest@fabrikam.com',
  };
}

function confirmed(status: number, body: unknown): boolean {
  const answer = body as { statusCode?: number; value?: { body?: Array<{ text?: unknown }> } } | undefined;
  return (
    status === 200 && answer?.statusCode === 200 && answer.value?.body?.[0]?.text === 'Conversation started'
  );
}

export const JOBS: readonly Job[] = [
  {
    name: 'form',
    label: 'open form (message → token → form card sent)',
    activity: (serviceUrl) => messageActivity(serviceUrl, 'Bench topic', CHANNEL_SCOPE, BENCH_USER),
    answered: (status) => status === 200,
    creates: false,
  },
  {
    name: 'create',
    label: 'create (card action → token → Graph POST → confirmation), typed addresses',
    activity: (serviceUrl) =>
      cardActionActivity(
        serviceUrl,
        'createConversation',
        createData('meganb@contoso.onmicrosoft.com'),
        CHANNEL_SCOPE,
        BENCH_USER,
      ),
    answered: confirmed,
    creates: true,
  },
  {
    name: 'createPicker',
    label: 'create with 2 people-picker ids (ours: + one $batch; the floor posts as above)',
    activity: (serviceUrl) =>
      cardActionActivity(
        serviceUrl,
        'createConversation',
        createData(`${users.megan.id},${users.lee.id}`),
        CHANNEL_SCOPE,
        BENCH_USER,
      ),
    answered: confirmed,
    creates: true,
  },
];

/** One activity through /api/messages; true when the answer is what the user should get. */
export async function send(botUrl: string, job: Job, serviceUrl: string): Promise<boolean> {
  const response = await fetch(`${botUrl}/api/messages`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(job.activity(serviceUrl)),
  });
  const text = await response.text();
  return job.answered(response.status, text ? JSON.parse(text) : undefined);
}
