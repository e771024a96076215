import type { TurnContext } from 'botbuilder';
import type { GraphTokenProvider, RedeemResult } from './token-provider';

const SANDBOX_SCOPES = 'Group.ReadWrite.All GroupMember.Read.All User.ReadBasic.All';
const LIFETIME_SECONDS = 3600;

/**
 * Local mode without an OAuth connection: presents the Graph sandbox with an unsigned JWT naming the Teams
 * user (oid/tid from the activity), so the sandbox applies that user's memberships. Never used against
 * real Graph: config only selects it when the sandbox is the Graph in use (see docs/architecture.md).
 */
export class LocalSandboxTokenProvider implements GraphTokenProvider {
  constructor(private readonly defaultTenantId: string) {}

  async getToken(context: TurnContext): Promise<string | undefined> {
    return mintSandboxToken(identityOf(context, this.defaultTenantId));
  }

  async refreshToken(): Promise<string | undefined> {
    return undefined;
  }

  async redeem(context: TurnContext): Promise<RedeemResult> {
    return { status: 'ok', token: mintSandboxToken(identityOf(context, this.defaultTenantId)) };
  }

  async signInOffer(): Promise<undefined> {
    return undefined;
  }

  async signOut(): Promise<boolean> {
    return false;
  }
}

interface SandboxIdentity {
  oid: string;
  tid: string;
  name: string;
}

function identityOf(context: TurnContext, defaultTenantId: string): SandboxIdentity {
  const { activity } = context;
  const channelData = activity.channelData as { tenant?: { id?: string } } | undefined;
  return {
    oid: activity.from.aadObjectId ?? activity.from.id,
    tid: channelData?.tenant?.id ?? activity.conversation.tenantId ?? defaultTenantId,
    name: activity.from.name ?? '',
  };
}

export function mintSandboxToken(identity: SandboxIdentity, now: number = Date.now()): string {
  const issuedAt = Math.floor(now / 1000);
  const header = { alg: 'none', typ: 'JWT' };
  const payload = {
    aud: 'https://graph.microsoft.com',
    tid: identity.tid,
    oid: identity.oid,
    name: identity.name,
    scp: SANDBOX_SCOPES,
    iat: issuedAt,
    exp: issuedAt + LIFETIME_SECONDS,
  };
  return `${base64url(header)}.${base64url(payload)}.`;
}

function base64url(value: object): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}
