'use server';
// Saved views: every entry point is here (STYLE.md). The owner check is in lib/db/saved-views.ts.
import { revalidatePath } from 'next/cache';
import { authedAction, authedFormAction } from './safe-action';
import { createSavedView, deleteSavedView, freezeSavedView, renameSavedView, setSavedViewShared, unfreezeSavedView } from '../db/accounts/saved-views';
import { deleteViewSchema, freezeViewSchema, renameViewSchema, saveViewSchema, shareViewSchema } from '../validation/saved-views';

// The definitions (also what tests call through runAction); the form actions below wrap them.
export const saveView = authedAction('self:manage', saveViewSchema, async (input, { principal }) => createSavedView(principal, input));
export const renameView = authedAction('self:manage', renameViewSchema, async ({ id, name }, { principal }) => renameSavedView(principal, id, name));
export const shareView = authedAction('self:manage', shareViewSchema, async ({ id, shared }, { principal }) => setSavedViewShared(principal, id, shared));
export const freezeView = authedAction('self:manage', freezeViewSchema, async ({ id, frozen }, { principal }) => (frozen ? freezeSavedView(principal, id) : unfreezeSavedView(principal, id)));
export const deleteView = authedAction('self:manage', deleteViewSchema, async ({ id }, { principal }) => {
  await deleteSavedView(principal, id);
  return { id };
});

// The form-bound actions (useActionState): (previous state, FormData), the argument checked by
// authedFormAction.
const refreshViews = () => revalidatePath('/views');
export const saveViewAction = authedFormAction(saveView, refreshViews);
export const renameViewAction = authedFormAction(renameView, refreshViews);
export const shareViewAction = authedFormAction(shareView, refreshViews);
export const deleteViewAction = authedFormAction(deleteView, refreshViews);
export const freezeViewAction = authedFormAction(freezeView, () => {
  revalidatePath('/views');
  revalidatePath('/views/[id]', 'page');
});
