// Permissions are data (STYLE.md): the proxy only redirects, the real check is here, on the server.
export const ROLES = ['ADMIN', 'ANALYST'] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = [
  'data:read', // dashboards, entity pages, read API, exports
  'data:write', // create/edit/delete/restore/merge records
  'import:run', // bulk imports of official lists
  'users:manage', // create users, change roles, disable, reset passwords
  'audit:read', // browse the audit trail
  'self:manage', // own password, saved views, API tokens
] as const;
export type Permission = (typeof PERMISSIONS)[number];

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  ADMIN: PERMISSIONS,
  ANALYST: ['data:read', 'self:manage'],
};

// NOTE: a personal API token acts for its owner but is read-only whatever the owner's role: a
// leaked token can read what its owner reads, never change anything.
export const TOKEN_PERMISSIONS: readonly Permission[] = ['data:read'];

/**
 * `tokenId` is set when the caller authenticated with a personal API token instead of a session;
 * `sessionId` when with a session (its server-side row, lib/db/accounts/sessions.ts).
 */
export type Principal = { id: string; email: string; name: string | null; role: Role; mustChangePassword: boolean; tokenId?: string; sessionId?: string };

export function can(principal: Pick<Principal, 'role' | 'tokenId'> | null | undefined, permission: Permission): boolean {
  if (!principal) return false;
  if (principal.tokenId && !TOKEN_PERMISSIONS.includes(permission)) return false;
  return ROLE_PERMISSIONS[principal.role].includes(permission);
}
