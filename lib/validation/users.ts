import { z } from 'zod';
import { MIN_PASSWORD_LENGTH } from '../auth/password';
import { checkbox, idVersionSchema, optionalText } from './fields';
import { ROLES } from '../auth/permissions';

const role = z.enum(ROLES, { error: 'Choose a role: ADMIN or ANALYST.' });

export const createUserSchema = z.object({
  email: z.string({ error: 'Required.' }).trim().toLowerCase().max(320, 'At most 320 characters.').pipe(z.email('Enter an email address such as name@example.org.')),
  name: optionalText(120),
  role,
});

export const setUserRoleSchema = idVersionSchema.extend({ role });
export const setUserDisabledSchema = idVersionSchema.extend({ disabled: checkbox() });
export const resetUserPasswordSchema = idVersionSchema;

export const changeOwnPasswordSchema = z
  .object({
    currentPassword: z.string({ error: 'Required.' }).min(1, 'Required: your current password.').max(1024),
    newPassword: z.string({ error: 'Required.' }).min(MIN_PASSWORD_LENGTH, `At least ${MIN_PASSWORD_LENGTH} characters; a passphrase of several words is easiest.`).max(1024, 'At most 1024 characters.'),
    confirmPassword: z.string({ error: 'Required.' }),
  })
  .refine((v) => v.newPassword === v.confirmPassword, { message: 'The two new passwords differ.', path: ['confirmPassword'] })
  .refine((v) => v.newPassword !== v.currentPassword, { message: 'Choose a password different from the current one.', path: ['newPassword'] });

export const unlockUserSchema = idVersionSchema.pick({ id: true });
export const endUserSessionsSchema = idVersionSchema.pick({ id: true });
/** One of the caller's own sessions (an opaque random id, base64url). */
export const endOwnSessionSchema = z.object({ sessionId: z.string({ error: 'Choose a session.' }).regex(/^[A-Za-z0-9_-]{16,64}$/, 'Not a valid session.') });
// NOTE: an explicit confirmation, so that a bare call (a replayed or probing request) ends nothing.
export const endAllOwnSessionsSchema = z.object({ confirm: z.literal('sign-out-everywhere', { error: 'Confirm with the “Sign out everywhere” button.' }) });
