'use server';
// Personal API tokens: every entry point is here (STYLE.md). A session is required: an API token
// cannot mint or revoke tokens (server actions never accept bearer tokens).
import { revalidatePath } from 'next/cache';
import { authedAction, authedFormAction } from './safe-action';
import { createApiToken, revokeApiToken } from '../db/accounts/api-tokens';
import { createApiTokenSchema, revokeApiTokenSchema } from '../validation/api-tokens';

// The definitions (also what tests call through runAction); the form actions below wrap them.
export const createToken = authedAction('self:manage', createApiTokenSchema, async (input, { principal }) => createApiToken(principal, input));
export const revokeToken = authedAction('self:manage', revokeApiTokenSchema, async ({ id }, { principal }) => revokeApiToken(principal, id));

// The form-bound actions (useActionState): (previous state, FormData), the argument checked by
// authedFormAction.
export const createApiTokenAction = authedFormAction(createToken, () => revalidatePath('/account/tokens'));
export const revokeApiTokenAction = authedFormAction(revokeToken, () => revalidatePath('/account/tokens'));
