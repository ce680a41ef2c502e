'use server';
// Personal API tokens: every entry point is here (STYLE.md). A session is required: an API token
// cannot mint or revoke tokens (server actions never accept bearer tokens).
import { revalidatePath } from 'next/cache';
import { authedAction, formDataToObject, type ActionResult } from './safe-action';
import { createApiToken, revokeApiToken, type ApiTokenDto } from '../db/api-tokens';
import { createApiTokenSchema, revokeApiTokenSchema } from '../validation/api-tokens';

const create = authedAction('self:manage', createApiTokenSchema, async (input, { principal }) => createApiToken(principal, input));
const revoke = authedAction('self:manage', revokeApiTokenSchema, async ({ id }, { principal }) => revokeApiToken(principal, id));

export async function createApiTokenAction(_prev: ActionResult<{ token: string; record: ApiTokenDto }> | null, form: FormData) {
  const result = await create(formDataToObject(form));
  if (result.ok) revalidatePath('/account/tokens');
  return result;
}

export async function revokeApiTokenAction(_prev: ActionResult<ApiTokenDto> | null, form: FormData) {
  const result = await revoke(formDataToObject(form));
  if (result.ok) revalidatePath('/account/tokens');
  return result;
}
