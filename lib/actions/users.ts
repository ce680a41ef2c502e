'use server';
// User administration (users:manage) and a user's own password (self:manage).
import { authedAction } from './safe-action';
import { userActor } from '../db/audit';
import { changeOwnPassword as changeOwn, createUser as create, resetUserPassword as reset, setUserDisabled as setDisabled, setUserRole as setRole } from '../db/admin/users';
import { changeOwnPasswordSchema, createUserSchema, resetUserPasswordSchema, setUserDisabledSchema, setUserRoleSchema } from '../validation/users';

export const createUser = authedAction('users:manage', createUserSchema, (input, { principal }) => create(userActor(principal), input));
export const setUserRole = authedAction('users:manage', setUserRoleSchema, (input, { principal }) => setRole(userActor(principal), input));
export const setUserDisabled = authedAction('users:manage', setUserDisabledSchema, (input, { principal }) => setDisabled(userActor(principal), input));
export const resetUserPassword = authedAction('users:manage', resetUserPasswordSchema, (input, { principal }) => reset(userActor(principal), input));
export const changeOwnPassword = authedAction('self:manage', changeOwnPasswordSchema, (input, { principal }) => changeOwn({ userId: principal.id, label: principal.email }, input));
