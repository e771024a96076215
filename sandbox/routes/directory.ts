/** Users, groups and the signed-in user's memberships (Entra-backed endpoints). */
import { requireDelegated, requireDirectoryPermission } from '../caller';
import type { DirectoryGroup, DirectoryUser } from '../demo-tenant';
import { GraphError, notFound } from '../errors';
import {
  applySelect,
  decodeSkipToken,
  encodeSkipToken,
  formatQuery,
  isCountTrue,
  parseTop,
  selectSuffix,
} from '../odata';
import { json, type Route, type RouteContext } from './types';

const USER_READ = ['User.Read', 'User.ReadBasic.All', 'User.Read.All', 'User.ReadWrite.All'];
const USER_READ_OTHERS = ['User.ReadBasic.All', 'User.Read.All', 'User.ReadWrite.All'];
const GROUP_READ = ['GroupMember.Read.All', 'Group.Read.All', 'Group.ReadWrite.All'];

export function userResource(user: DirectoryUser): Record<string, unknown> {
  return {
    id: user.id,
    displayName: user.displayName,
    givenName: user.givenName,
    surname: user.surname,
    jobTitle: user.jobTitle,
    mail: user.mail,
    userPrincipalName: user.userPrincipalName,
    businessPhones: [],
  };
}

export function groupResource(group: DirectoryGroup): Record<string, unknown> {
  return {
    id: group.id,
    displayName: group.displayName,
    description: group.description,
    mail: group.mail,
    mailNickname: group.mailNickname,
    groupTypes: [...group.groupTypes],
    visibility: group.visibility,
    securityEnabled: group.securityEnabled,
    mailEnabled: group.mailEnabled,
  };
}

function getMe(ctx: RouteContext) {
  const { caller, request, serviceRoot } = ctx;
  requireDelegated(caller);
  requireDirectoryPermission(caller, USER_READ);
  const select = request.query.get('$select');
  // An oid the tenant does not know is still a valid sign-in: describe it from the token's claims.
  const resource = caller.user
    ? userResource(caller.user)
    : { id: caller.id, displayName: caller.displayName, mail: null, userPrincipalName: caller.upn };
  return json(200, {
    '@odata.context': `${serviceRoot}/$metadata#users${selectSuffix(select)}/$entity`,
    ...applySelect(resource, select, 'user'),
  });
}

function getUser(ctx: RouteContext) {
  const { request, params, store, serviceRoot } = ctx;
  requireDirectoryPermission(ctx.caller, USER_READ_OTHERS);
  const user = store.findUser(params.id);
  if (!user) throw notFound(params.id);
  const select = request.query.get('$select');
  return json(200, {
    '@odata.context': `${serviceRoot}/$metadata#users${selectSuffix(select)}/$entity`,
    ...applySelect(userResource(user), select, 'user'),
  });
}

function getGroup(ctx: RouteContext) {
  const { request, params, store, serviceRoot } = ctx;
  requireDirectoryPermission(ctx.caller, GROUP_READ);
  const group = store.findGroup(params.id);
  if (!group) throw notFound(params.id);
  const select = request.query.get('$select');
  return json(200, {
    '@odata.context': `${serviceRoot}/$metadata#groups${selectSuffix(select)}/$entity`,
    ...applySelect(groupResource(group), select, 'group'),
  });
}

const UNIFIED_FILTER = /^grouptypes\/any\(\s*(\w+)\s*:\s*\1\s+eq\s+'Unified'\s*\)$/i;

const isEventual = (ctx: RouteContext): boolean =>
  ctx.request.headers.consistencylevel?.toLowerCase() === 'eventual';

/**
 * The only supported filter is the Unified-groups one. Like real Graph it is an advanced query: it needs
 * `ConsistencyLevel: eventual` and `$count=true`.
 */
function filterMemberships(ctx: RouteContext, groups: DirectoryGroup[]): DirectoryGroup[] {
  const { query } = ctx.request;
  const eventual = isEventual(ctx);
  const filter = query.get('$filter');
  if (filter === null) return groups;
  if (!UNIFIED_FILTER.test(filter.trim())) {
    throw new GraphError(
      400,
      'Request_UnsupportedQuery',
      `Unsupported query: the sandbox only supports $filter=groupTypes/any(c:c eq 'Unified'), got '${filter}'.`,
    );
  }
  if (!eventual || !isCountTrue(query)) {
    throw new GraphError(
      400,
      'Request_UnsupportedQuery',
      "Unsupported query. This filter is an advanced query: send the 'ConsistencyLevel: eventual' header and '$count=true'.",
    );
  }
  return groups.filter((g) => g.groupTypes.includes('Unified'));
}

function listMemberOf(castToGroup: boolean) {
  return (ctx: RouteContext) => {
    const { caller, request, store, serviceRoot } = ctx;
    requireDelegated(caller);
    requireDirectoryPermission(caller, GROUP_READ);
    const { query } = request;
    const select = query.get('$select');
    const top = parseTop(query.get('$top'), 100);
    const offset = decodeSkipToken(query.get('$skiptoken'));
    const matches = filterMemberships(ctx, store.groupsOf(caller.id));
    const page = matches.slice(offset, offset + top).map((g) => {
      const item = applySelect(groupResource(g), select, 'group');
      return castToGroup ? item : { '@odata.type': '#microsoft.graph.group', ...item };
    });
    const body: Record<string, unknown> = {
      '@odata.context': castToGroup
        ? `${serviceRoot}/$metadata#groups${selectSuffix(select)}`
        : `${serviceRoot}/$metadata#directoryObjects`,
    };
    // Without ConsistencyLevel, Graph silently ignores `$count=true` on directory objects: no count, no error.
    if (isCountTrue(query) && isEventual(ctx)) body['@odata.count'] = matches.length;
    if (offset + top < matches.length) {
      const next = new URLSearchParams(query);
      next.set('$skiptoken', encodeSkipToken(offset + top));
      const path = castToGroup ? 'me/memberOf/microsoft.graph.group' : 'me/memberOf';
      body['@odata.nextLink'] = `${serviceRoot}/${path}?${formatQuery(next)}`;
    }
    body.value = page;
    return json(200, body);
  };
}

export const directoryRoutes: readonly Route[] = [
  { method: 'GET', pattern: ['me'], handler: getMe },
  { method: 'GET', pattern: ['me', 'memberOf'], handler: listMemberOf(false) },
  { method: 'GET', pattern: ['me', 'memberOf', 'microsoft.graph.group'], handler: listMemberOf(true) },
  { method: 'GET', pattern: ['users', ':id'], handler: getUser },
  { method: 'GET', pattern: ['groups', ':id'], handler: getGroup },
];
