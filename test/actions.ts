// Calls a server action the way Next would, but for a principal loaded from a real user row (no
// mock of auth: the same runAction → assertPermission → zod → function path as in production).
import { runAction, type ActionResult } from '../lib/actions/safe-action';
import type { Permission, Principal, Role } from '../lib/auth/permissions';
import type { z } from 'zod';

type DefinedAction<T> = ((input: unknown) => Promise<ActionResult<T>>) & { permission: Permission; schema: z.ZodType; run: (input: never, ctx: { principal: Principal }) => Promise<T> };

export function callAs<T>(principal: Principal | null, action: DefinedAction<T>, input: unknown): Promise<ActionResult<T>> {
  return runAction(principal, action.permission, action.schema, action.run as (input: unknown, ctx: { principal: Principal }) => Promise<T>, input);
}

/** A real user in the test database, and the principal a session for them would carry. */
export async function realPrincipal(role: Role, email = `${role.toLowerCase()}-${Math.random().toString(36).slice(2, 8)}@example.org`): Promise<Principal> {
  const { upsertUserWithPassword, getActivePrincipal } = await import('../lib/db/accounts/users');
  const { user } = await upsertUserWithPassword({ email, role, password: 'integration-test-password' }, 'test:setup');
  const principal = await getActivePrincipal(user.id);
  if (!principal) throw new Error('the test user is not active');
  return principal;
}

export function expectOk<T>(r: ActionResult<T>): T {
  if (!r.ok) throw new Error(`expected ok, got ${r.status} ${r.error} ${JSON.stringify(r.fieldErrors ?? {})}`);
  return r.data;
}

let viewer: Promise<Principal> | null = null;

/**
 * The caller for data functions in tests that are about the data, not about access: a verified
 * administrator (one real user per test file). Access is tested with analysts and anonymous callers
 * in lib/auth/data-access.int.test.ts and the e2e access matrix.
 */
export function testViewer(): Promise<Principal> {
  // NOTE: a user row written directly, with no audit event: tests that count audit events around a
  // call may ask for the viewer first inside their window.
  viewer ??= (async () => {
    const { prisma } = await import('../lib/db/client');
    const { getActivePrincipal } = await import('../lib/db/accounts/users');
    const user = await prisma.user.create({ data: { email: `viewer-${Math.random().toString(36).slice(2, 10)}@example.org`, role: 'ADMIN', passwordHash: 'x' } });
    const principal = await getActivePrincipal(user.id);
    if (!principal) throw new Error('the test viewer is not active');
    return principal;
  })();
  return viewer;
}
