'use server';
// User administration (users:manage) and a user's own password (self:manage).
import { authedAction } from './safe-action';
import { userActor } from '../db/audit';
import { changeOwnPassword as changeOwn, createUser as create, resetUserPassword as reset, setUserDisabled as setDisabled, setUserRole as setRole, unlockUser as unlock } from '../db/admin/users';
import { changeOwnPasswordSchema, createUserSchema, endAllOwnSessionsSchema, endOwnSessionSchema, endUserSessionsSchema, resetUserPasswordSchema, setUserDisabledSchema, setUserRoleSchema, unlockUserSchema } from '../validation/users';
import { endAllOwnSessions as endAllOwn, endOwnSession as endOwn, endUserSessions as endSessions } from '../db/accounts/sessions';
import { reissueSessionCookie } from '../auth/reissue-session';

export const createUser = authedAction('users:manage', createUserSchema, (input, { principal }) => create(userActor(principal), input));
export const setUserRole = authedAction('users:manage', setUserRoleSchema, (input, { principal }) => setRole(userActor(principal), input));
export const setUserDisabled = authedAction('users:manage', setUserDisabledSchema, (input, { principal }) => setDisabled(userActor(principal), input));
export const resetUserPassword = authedAction('users:manage', resetUserPasswordSchema, (input, { principal }) => reset(userActor(principal), input));
export const unlockUser = authedAction('users:manage', unlockUserSchema, (input, { principal }) => unlock(userActor(principal), input));
/** Ends every session of a user, who stays enabled and may sign in again. */
export const endUserSessions = authedAction('users:manage', endUserSessionsSchema, (input, { principal }) => endSessions(userActor(principal), input));

/** Ends one of the caller's other sessions (Account → Sessions). */
export const endOwnSession = authedAction('self:manage', endOwnSessionSchema, (input, { principal }) => endOwn(principal, input.sessionId));
/** "Sign out everywhere": every session of the caller ends, this one included. */
export const endAllOwnSessions = authedAction('self:manage', endAllOwnSessionsSchema, (_input, { principal }) => endAllOwn(principal));

const changeOwnDefinition = authedAction('self:manage', changeOwnPasswordSchema, (input, { principal }) => changeOwn({ userId: principal.id, label: principal.email, sessionId: principal.sessionId }, input));

/** Changes the caller's password; their other sessions end, this one continues (new cookie). */
export const changeOwnPassword = Object.assign(
  async (input: unknown) => {
    const result = await changeOwnDefinition(input);
    if (!result.ok) return result;
    await reissueSessionCookie(result.data.sessionVersion);
    return { ok: true as const, data: { changed: result.data.changed } };
  },
  { permission: changeOwnDefinition.permission, schema: changeOwnDefinition.schema, run: changeOwnDefinition.run },
);
