import { z } from 'zod';

// NOTE: a saved view reopens by redirecting to path + query, so the path must be one of ours: an
// absolute path on this site ("/", "/entities"), never "//host" or a URL, never an API or account page.
const SAVEABLE_PATH = /^\/(?:[a-z0-9-]+(?:\/[A-Za-z0-9_-]+)*)?$/;
const NOT_SAVEABLE = /^\/(?:api|views|account|login|admin)(?:\/|$)/;

export function isSaveablePath(path: string): boolean {
  return SAVEABLE_PATH.test(path) && !NOT_SAVEABLE.test(path);
}

const name = z.string().trim().min(1, 'Give the view a name.').max(100, 'Use at most 100 characters.');
const id = z.string().trim().min(1).max(64);

export const saveViewSchema = z.object({
  name,
  path: z.string().trim().max(200).refine(isSaveablePath, { message: 'Only pages of the app (such as the overview) can be saved as views.' }),
  // The URL query string without "?": all of a view's state lives in the URL.
  query: z
    .string()
    .trim()
    .max(4000, 'This view has too many settings to save.')
    .transform((q) => new URLSearchParams(q.replace(/^\?/, '')).toString()),
});

export const renameViewSchema = z.object({ id, name });
export const deleteViewSchema = z.object({ id });
export const shareViewSchema = z.object({ id, shared: z.enum(['true', 'false']).transform((v) => v === 'true') });

export type SaveViewInput = z.output<typeof saveViewSchema>;

/** Where a saved view opens: its page with its query string. */
export function savedViewHref(view: { path: string; query: string }): string {
  return view.query ? `${view.path}?${view.query}` : view.path;
}
