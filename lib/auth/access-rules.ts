// Who may reach what: one rule per page, route handler method and server action, checked against
// the running app by e2e/api/access-matrix.spec.ts and for completeness by access-rules.test.ts.
// A new page, route, method or action without a rule here fails the tests: decide, then declare.
// NOTE: this table does not grant anything. The checks that count are in the code (requirePagePrincipal,
// authedRoute, authedAction); the table states what they must do, and the tests hold them to it.
import type { Permission } from './permissions';

/** 'public': no session needed. A permission: anonymous → sign-in, a role without it → 403. */
export type AccessRule = 'public' | Permission;
/**
 * For route handler methods: 'read-only' means every caller is told 405 (after authentication).
 * 'signed-token': no session is read; the URL carries a token signed for the route's purpose
 * (lib/security/signed-token.ts) naming a user and their token version — missing, forged or revoked
 * (version bumped) → 401 in plain text, a valid one reads as that user, read-only. Such routes live
 * outside /api/ and /admin/ (the feeds).
 */
export type RouteRule = AccessRule | 'read-only' | 'next-auth' | 'signed-token';

/** Pages, by their path in app/ without route groups (dynamic segments as written). */
export const PAGE_RULES: Record<string, AccessRule> = {
  '/login': 'public',
  '/': 'data:read',
  '/entities': 'data:read',
  '/entities/[id]': 'data:read',
  '/programs': 'data:read',
  '/programs/[slug]': 'data:read',
  '/suppliers': 'data:read',
  '/milestones': 'data:read',
  '/actions': 'data:read',
  '/actions/[id]': 'data:read',
  '/analysis/lag': 'data:read',
  '/cases': 'data:read',
  '/cases/[slug]': 'data:read',
  '/changes': 'data:read',
  '/analysis/milestone-windows': 'data:read',
  '/analysis/event-study': 'data:read',
  '/views': 'self:manage',
  // Watchlist, alert settings, notifications and webhook log (issue 27): the caller's own only.
  '/alerts': 'self:manage',
  '/views/[id]': 'data:read',
  '/account': 'self:manage',
  '/account/password': 'self:manage',
  '/account/tokens': 'self:manage',
  '/admin': 'data:write',
  '/admin/[resource]': 'data:write',
  '/admin/[resource]/new': 'data:write',
  '/admin/[resource]/[id]': 'data:write',
  '/admin/merge': 'data:write',
  '/admin/imports': 'data:write',
  '/admin/imports/new': 'import:run',
  '/admin/imports/[id]': 'data:write',
  '/admin/matches': 'data:write',
  '/admin/countries': 'data:write',
  '/admin/sources': 'import:run',
  '/admin/sources/[id]': 'import:run',
  '/admin/audit': 'audit:read',
  '/admin/users': 'users:manage',
};

const READ_ONLY = { POST: 'read-only', PUT: 'read-only', PATCH: 'read-only', DELETE: 'read-only' } as const;

/** Route handlers: every exported method of each route.ts. */
export const ROUTE_RULES: Record<string, Record<string, RouteRule>> = {
  // next-auth's own endpoints (sign-in, CSRF, session); protected by its CSRF token, tested in e2e/api/sign-in.spec.ts.
  '/api/auth/[...nextauth]': { GET: 'next-auth', POST: 'next-auth' },
  '/api/export/[file]': { GET: 'data:read', ...READ_ONLY },
  '/api/v1/designations': { GET: 'data:read', ...READ_ONLY },
  '/api/v1/entities': { GET: 'data:read', ...READ_ONLY },
  '/api/v1/entities/[id]': { GET: 'data:read', ...READ_ONLY },
  '/api/v1/milestones': { GET: 'data:read', ...READ_ONLY },
  '/api/v1/openapi.json': { GET: 'data:read', ...READ_ONLY },
  '/api/v1/series': { GET: 'data:read', ...READ_ONLY },
  '/api/v1/event-study': { GET: 'data:read', ...READ_ONLY },
  '/api/v1/views/[id]': { GET: 'data:read', ...READ_ONLY },
  '/api/v1/search': { GET: 'data:read', ...READ_ONLY },
  '/api/v1/changes': { GET: 'data:read', ...READ_ONLY },
  // The Atom feed of changes (issue 27): feed readers send no cookie, only the signed feed token.
  '/feeds/changes': { GET: 'signed-token' },
  // The alert e-mails' unsubscribe link (issue 27): no session; the signed token is checked by the
  // handler (forged, revoked → 400 page). GET asks, POST (the button, RFC 8058 one-click) turns e-mail off.
  '/alerts/unsubscribe': { GET: 'signed-token', POST: 'signed-token' },
  // The admin upload page's endpoints: stream a file, start (dry run / apply) and follow an import.
  '/api/admin/imports/uploads': { GET: 'read-only', POST: 'import:run' },
  '/api/admin/imports/jobs': { POST: 'import:run' },
  '/api/admin/imports/jobs/[id]': { GET: 'import:run' },
};

/**
 * Server actions: every export of every 'use server' module in lib/actions/, as "file#export".
 * `input` says how the client calls it: one object argument, or (previous state, FormData).
 */
export type ActionRule = { permission: Permission; input: 'object' | 'form' };

const write: ActionRule = { permission: 'data:write', input: 'object' };
const users: ActionRule = { permission: 'users:manage', input: 'object' };
const selfForm: ActionRule = { permission: 'self:manage', input: 'form' };
const self: ActionRule = { permission: 'self:manage', input: 'object' };

export const ACTION_RULES: Record<string, ActionRule> = {
  'lib/actions/users.ts#createUser': users,
  'lib/actions/users.ts#setUserRole': users,
  'lib/actions/users.ts#setUserDisabled': users,
  'lib/actions/users.ts#resetUserPassword': users,
  'lib/actions/users.ts#unlockUser': users,
  'lib/actions/users.ts#endUserSessions': users,
  'lib/actions/users.ts#endOwnSession': self,
  'lib/actions/users.ts#endAllOwnSessions': self,
  'lib/actions/users.ts#changeOwnPassword': { permission: 'self:manage', input: 'object' },
  'lib/actions/api-tokens.ts#createApiTokenAction': selfForm,
  'lib/actions/api-tokens.ts#revokeApiTokenAction': selfForm,
  'lib/actions/saved-views.ts#saveViewAction': selfForm,
  'lib/actions/saved-views.ts#renameViewAction': selfForm,
  'lib/actions/saved-views.ts#shareViewAction': selfForm,
  'lib/actions/saved-views.ts#deleteViewAction': selfForm,
  'lib/actions/saved-views.ts#freezeViewAction': selfForm,
  'lib/actions/alerts.ts#addWatchAction': selfForm,
  'lib/actions/alerts.ts#removeWatchAction': selfForm,
  'lib/actions/alerts.ts#setEmailModeAction': selfForm,
  'lib/actions/alerts.ts#setWebhookAction': selfForm,
  'lib/actions/alerts.ts#rotateWebhookSecretAction': selfForm,
  'lib/actions/alerts.ts#removeWebhookAction': selfForm,
  'lib/actions/alerts.ts#revokeAlertLinksAction': selfForm,
  'lib/actions/alerts.ts#markNotificationReadAction': selfForm,
  'lib/actions/alerts.ts#markAllNotificationsReadAction': selfForm,
  // The same, called with one object (the form actions above wrap them).
  'lib/actions/api-tokens.ts#createToken': self,
  'lib/actions/api-tokens.ts#revokeToken': self,
  'lib/actions/saved-views.ts#saveView': self,
  'lib/actions/saved-views.ts#renameView': self,
  'lib/actions/saved-views.ts#shareView': self,
  'lib/actions/saved-views.ts#deleteView': self,
  'lib/actions/saved-views.ts#freezeView': self,
  'lib/actions/matches.ts#acceptMatch': write,
  'lib/actions/matches.ts#rejectMatch': write,
  'lib/actions/resolution.ts#splitEntityRecords': write,
  ...Object.fromEntries(
    ['Milestone', 'Entity', 'Designation', 'Authority', 'Program', 'WeaponsProgram', 'Participant', 'SupplyLink', 'Relationship', 'Case'].flatMap((t) =>
      ['create', 'update', 'delete', 'restore'].map((verb) => [`lib/actions/records.ts#${verb}${t}`, write]),
    ),
  ),
  'lib/actions/records.ts#checkEntityDuplicates': write,
  'lib/actions/sources.ts#updateSource': { permission: 'import:run', input: 'object' },
  'lib/actions/sources.ts#checkSourceNow': { permission: 'import:run', input: 'object' },
  'lib/actions/records.ts#mergeEntity': write,
};
