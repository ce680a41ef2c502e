'use server';
// Personal API tokens: every entry point is here (STYLE.md). A session is required: an API token
// cannot mint or revoke tokens (server actions never accept bearer tokens).
import { revalidatePath } from 'next/cache';
import { authedAction, formDataToObject, type ActionResult } from './safe-action';
import { createApiToken, revokeApiToken, type ApiTokenDto } from '../db/api-tokens';
import { createApiTokenSchema, revokeApiTokenSchema } from '../validation/api-tokens';

// The definitions (also what tests call through runAction); the form actions below wrap them.
export const createToken = authedAction('self:manage', createApiTokenSchema, async (input, { principal }) => createApiToken(principal, input));
export const revokeToken = authedAction('self:manage', revokeApiTokenSchema, async ({ id }, { principal }) => revokeApiToken(principal, id));

export async function createApiTokenAction(_prev: ActionResult<{ token: string; record: ApiTokenDto }> | null, form: FormData) {
  const result = await createToken(formDataToObject(form));
  if (result.ok) revalidatePath('/account/tokens');
  return result;
}

export async function revokeApiTokenAction(_prev: ActionResult<ApiTokenDto> | null, form: FormData) {
  const result = await revokeToken(formDataToObject(form));
  if (result.ok) revalidatePath('/account/tokens');
  return result;
}
