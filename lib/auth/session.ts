import 'server-only';
// Session helpers for server components, actions and route handlers.
import { cache } from 'react';
import { getServerSession } from 'next-auth';
import { forbidden, redirect } from 'next/navigation';
import { authOptions } from './options';
import { can, type Permission, type Principal } from './permissions';
import { AppError, databaseUnavailableError } from '../errors';
import { bearerToken } from './api-token';
import { getPrincipalForApiToken } from '../db/accounts/api-tokens';
import { issueVerifiedPrincipal } from './verified';

/**
 * The signed-in user of this request, or null: the session cookie decrypted, then checked against
 * the database by next-auth's jwt callback (lib/auth/options.ts — the one place a session's validity
 * is decided: open session row, enabled user, current session version). Once per request (React
 * cache), however many pages, components and data functions ask.
 */
export const getPrincipal = cache(async (): Promise<Principal | null> => {
  const session = await getServerSession(authOptions);
  if (session?.unavailable) throw databaseUnavailableError();
  if (!session || session.revoked || !session.user) return null;
  return issueVerifiedPrincipal({ ...session.user });
});

/**
 * For route handlers: the caller of this request. An `Authorization` header wins over the session
 * cookie; a header without a valid, unrevoked token of an enabled user is a 401, never a fallback.
 */
export async function getRequestPrincipal(headers: Headers): Promise<Principal | null> {
  const token = bearerToken(headers.get('authorization'));
  if (token === null) return getPrincipal();
  const principal = token ? await getPrincipalForApiToken(token) : null;
  if (!principal) throw new AppError('UNAUTHORIZED', 'The API token is not valid: it may have been revoked. Create a new one under Account → API tokens.');
  return principal;
}

/** For pages: sends anonymous users to sign in, users without the permission to a 403 page. */
export async function requirePagePrincipal(permission: Permission = 'data:read', opts: { allowPasswordChange?: boolean } = {}): Promise<Principal> {
  const principal = await getPrincipal();
  if (!principal) redirect('/login');
  if (principal.mustChangePassword && !opts.allowPasswordChange) redirect('/account/password?required=1');
  if (!can(principal, permission)) forbidden();
  return principal;
}

/** For actions and route handlers: throws AppError 401/403. */
export function assertPermission(principal: Principal | null, permission: Permission): Principal {
  if (!principal) throw new AppError('UNAUTHORIZED', 'Sign in to continue.');
  if (!can(principal, permission)) throw new AppError('FORBIDDEN', 'Your role does not allow this action.');
  return principal;
}
