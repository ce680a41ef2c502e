import { z } from 'zod';
import { NO_CONTROL_CHARS, hasNoControlChars } from './fields';
import { isSaveablePath } from './saveable-path';

export { isSaveablePath };

const name = z.string({ error: 'Give the view a name (text).' }).trim().min(1, 'Give the view a name.').max(100, 'Use at most 100 characters.').refine(hasNoControlChars, NO_CONTROL_CHARS);
const id = z.string({ error: 'Required: the id of a saved view.' }).trim().min(1, 'Required: the id of a saved view.').max(64, 'Not a valid id.');

export const saveViewSchema = z.object({
  name,
  path: z.string({ error: 'Give the page to save (its path, e.g. /).' }).trim().max(200, 'Only pages of the app (such as the overview) can be saved as views.').refine(isSaveablePath, { message: 'Only pages of the app (such as the overview) can be saved as views.' }),
  // The URL query string without "?": all of a view's state lives in the URL.
  query: z
    .string({ error: 'Give the view\'s settings (a query string, possibly empty).' })
    .trim()
    .max(4000, 'This view has too many settings to save.')
    .transform((q) => new URLSearchParams(q.replace(/^\?/, '')).toString()),
});

export const renameViewSchema = z.object({ id, name });
export const deleteViewSchema = z.object({ id });
export const shareViewSchema = z.object({ id, shared: z.enum(['true', 'false'], { error: 'shared must be true or false.' }).transform((v) => v === 'true') });
// Freeze (store the view's numbers and data as-of) or make it live again (issue 26).
export const freezeViewSchema = z.object({ id, frozen: z.enum(['true', 'false'], { error: 'frozen must be true or false.' }).transform((v) => v === 'true') });

export type SaveViewInput = z.output<typeof saveViewSchema>;

/** Where a saved view opens: its page with its query string. */
export function savedViewHref(view: { path: string; query: string }): string {
  return view.query ? `${view.path}?${view.query}` : view.path;
}
