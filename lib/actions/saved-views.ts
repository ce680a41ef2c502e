'use server';
// Saved views: every entry point is here (STYLE.md). The owner check is in lib/db/saved-views.ts.
import { revalidatePath } from 'next/cache';
import { authedAction, formDataToObject, type ActionResult } from './safe-action';
import { createSavedView, deleteSavedView, renameSavedView, setSavedViewShared, type SavedViewDto } from '../db/saved-views';
import { deleteViewSchema, renameViewSchema, saveViewSchema, shareViewSchema } from '../validation/saved-views';

// The definitions (also what tests call through runAction); the form actions below wrap them.
export const saveView = authedAction('self:manage', saveViewSchema, async (input, { principal }) => createSavedView(principal, input));
export const renameView = authedAction('self:manage', renameViewSchema, async ({ id, name }, { principal }) => renameSavedView(principal, id, name));
export const shareView = authedAction('self:manage', shareViewSchema, async ({ id, shared }, { principal }) => setSavedViewShared(principal, id, shared));
export const deleteView = authedAction('self:manage', deleteViewSchema, async ({ id }, { principal }) => {
  await deleteSavedView(principal, id);
  return { id };
});

type State<T> = ActionResult<T> | null;

export async function saveViewAction(_prev: State<SavedViewDto>, form: FormData) {
  const result = await saveView(formDataToObject(form));
  if (result.ok) revalidatePath('/views');
  return result;
}

export async function renameViewAction(_prev: State<SavedViewDto>, form: FormData) {
  const result = await renameView(formDataToObject(form));
  if (result.ok) revalidatePath('/views');
  return result;
}

export async function shareViewAction(_prev: State<SavedViewDto>, form: FormData) {
  const result = await shareView(formDataToObject(form));
  if (result.ok) revalidatePath('/views');
  return result;
}

export async function deleteViewAction(_prev: State<{ id: string }>, form: FormData) {
  const result = await deleteView(formDataToObject(form));
  if (result.ok) revalidatePath('/views');
  return result;
}
