import 'server-only';
// The data-access layer's proof of identity. Every data function that returns non-public data takes
// the caller's principal and calls authorize() itself, so a page, route handler or server action that
// forgot its own check still cannot read data (Next's "Data Access Layer" pattern: layouts are not a
// security boundary — on a client-side navigation Next skips them).
//
// NOTE: a principal is accepted only if it was issued here, by the code that verified it against the
// database (the session check, an API token lookup, or a user row for the CLI and tests). An object
// literal or a spread copy is refused: `{ role: 'ADMIN' }` typed into a page must not open the data.
import { can, type Permission, type Principal } from './permissions';
import { AppError } from '../errors';

const issued = new WeakSet<Principal>();

/** For the resolvers that checked the caller against the database (session, token, user row) only. */
export function issueVerifiedPrincipal<P extends Principal>(principal: P): P {
  issued.add(principal);
  return principal;
}

export function isVerifiedPrincipal(principal: Principal | null | undefined): principal is Principal {
  return !!principal && issued.has(principal);
}

/** The check every data function makes first: a verified principal that holds the permission. */
export function authorize(principal: Principal | null | undefined, permission: Permission): Principal {
  if (!principal || !issued.has(principal)) throw new AppError('UNAUTHORIZED', 'Sign in to continue.');
  if (!can(principal, permission)) throw new AppError('FORBIDDEN', 'Your role does not allow this action.');
  return principal;
}
