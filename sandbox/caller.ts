/** Who is calling, derived from a verified token, and the permission checks Graph applies to them. */
import type { DirectoryGroup, DirectoryUser } from './demo-tenant';
import { accessDenied, GraphError } from './errors';
import type { SandboxStore } from './store';
import { isAppOnly, permissionsOf, type SandboxTokenClaims } from './tokens';

export interface Caller {
  readonly id: string;
  readonly appOnly: boolean;
  readonly permissions: ReadonlySet<string>;
  /** The directory user; undefined for app-only callers and for oids the tenant does not know. */
  readonly user: DirectoryUser | undefined;
  readonly upn: string;
  readonly displayName: string;
  readonly address: string;
}

export function callerFromClaims(claims: SandboxTokenClaims, store: SandboxStore): Caller {
  const appOnly = isAppOnly(claims);
  const user = appOnly ? undefined : store.findUser(claims.oid);
  const upn = user?.userPrincipalName ?? claims.upn ?? claims.oid;
  return {
    id: claims.oid,
    appOnly,
    permissions: permissionsOf(claims),
    user,
    upn,
    displayName: user?.displayName ?? (claims.name || upn),
    address: user?.mail ?? upn,
  };
}

const hasAny = (caller: Caller, names: readonly string[]): boolean =>
  names.some((n) => caller.permissions.has(n.toLowerCase()));

/** Directory (Entra-backed) reads: Graph answers a missing permission with Authorization_RequestDenied. */
export function requireDirectoryPermission(caller: Caller, names: readonly string[]): void {
  if (!hasAny(caller, [...names, 'Directory.Read.All', 'Directory.ReadWrite.All'])) {
    throw new GraphError(
      403,
      'Authorization_RequestDenied',
      'Insufficient privileges to complete the operation.',
    );
  }
}

/** `/me` only means something with a signed-in user. */
export function requireDelegated(caller: Caller): void {
  if (caller.appOnly) {
    throw new GraphError(400, 'BadRequest', '/me request is only valid with delegated authentication flow.');
  }
}

export type ConversationAccess = 'read' | 'write';

/**
 * Group mailbox (Exchange-backed) access: writes need delegated Group.ReadWrite.All, and only Microsoft 365
 * groups the user belongs to, or public ones, are reachable. App-only callers may read any group.
 */
export function requireConversationAccess(
  caller: Caller,
  store: SandboxStore,
  groupId: string,
  access: ConversationAccess,
): DirectoryGroup {
  const needed = access === 'write' ? ['Group.ReadWrite.All'] : ['Group.Read.All', 'Group.ReadWrite.All'];
  if ((access === 'write' && caller.appOnly) || !hasAny(caller, needed)) throw accessDenied();
  const group = store.findGroup(groupId);
  if (!group) {
    throw new GraphError(404, 'Request_ResourceNotFound', `Group '${groupId}' does not exist.`);
  }
  if (!group.groupTypes.includes('Unified')) {
    throw accessDenied(
      `Group '${group.id}' is not a Microsoft 365 group: only Microsoft 365 (Unified) groups have conversations.`,
    );
  }
  const isMember = group.memberIds.includes(caller.id);
  if (!caller.appOnly && !isMember && group.visibility !== 'Public') {
    throw accessDenied(`User '${caller.upn}' not authorized to access group '${group.id}'`);
  }
  return group;
}
