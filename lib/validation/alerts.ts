// Watchlists and alerts (issue 27): the forms' and actions' schemas.
import { z } from 'zod';
import { NO_CONTROL_CHARS, hasNoControlChars } from './fields';
import { normalizeName } from '../search-pattern';

export const WATCH_KINDS = ['entity', 'program', 'weapon', 'country', 'name'] as const;
export type WatchKind = (typeof WATCH_KINDS)[number];
export const EMAIL_MODES = ['off', 'immediate', 'daily'] as const;
export type EmailMode = (typeof EMAIL_MODES)[number];

export const WATCH_KIND_LABELS: Record<WatchKind, string> = {
  entity: 'Entity',
  program: 'Sanctions program',
  weapon: 'Weapons program',
  country: 'Country',
  name: 'Name pattern',
};

/** A user's watches are bounded: every name pattern is matched against each import's changes. */
export const MAX_WATCHES = 200;

const ID = /^[A-Za-z0-9_-]{1,64}$/;
// The same shapes the dashboard filters use (lib/validation/dashboard.ts).
const PROGRAM_KEY = /^[A-Z0-9-]{2,16}:[^\s].{0,79}$/;
const SLUG = /^[a-z0-9][a-z0-9-]{0,80}$/;
// Alpha-2, or the FtM territory codes the lists use (suhh, ua-cri, x-so …: lib/normalize/countries.ts).
const COUNTRY = /^[a-z]{1,2}(?:-?[a-z]{2,4})?$/;

const value = z.string({ error: 'Say what to watch.' }).trim().min(1, 'Say what to watch.').max(100, 'At most 100 characters.').refine(hasNoControlChars, NO_CONTROL_CHARS);

export const addWatchSchema = z
  .object({ kind: z.enum(WATCH_KINDS, { error: 'Choose what kind of thing to watch.' }), value })
  .transform((w) => ({ kind: w.kind, value: w.kind === 'country' ? w.value.toLowerCase() : w.value }))
  .superRefine((w, ctx) => {
    const bad = (message: string) => ctx.addIssue({ code: 'custom', path: ['value'], message });
    if (w.kind === 'entity' && !ID.test(w.value)) bad('Not an entity id.');
    if (w.kind === 'program' && !PROGRAM_KEY.test(w.value)) bad('A sanctions program is written AUTHORITY:CODE, e.g. US-OFAC:NPWMD.');
    if (w.kind === 'weapon' && !SLUG.test(w.value)) bad('A weapons program is named by its slug, e.g. shahed-136.');
    if (w.kind === 'country' && !COUNTRY.test(w.value)) bad('A country is its code, e.g. ir.');
    // A pattern of one or two letters would match most names (as the search warns).
    if (w.kind === 'name' && normalizeName(w.value).replace(/ /g, '').length < 3) bad('Give at least three letters of the name.');
  });
export type AddWatchInput = z.output<typeof addWatchSchema>;

const id = z.string({ error: 'Required: the id.' }).trim().regex(ID, 'Not a valid id.');
export const removeWatchSchema = z.object({ id });

export const emailModeSchema = z.object({ email: z.enum(EMAIL_MODES, { error: 'Choose off, immediately or a daily digest.' }) });

export const webhookUrlSchema = z.object({
  webhookUrl: z
    .string({ error: 'Give the webhook URL.' })
    .trim()
    .min(1, 'Give the webhook URL.')
    .max(2000, 'At most 2,000 characters.')
    .refine((u) => URL.canParse(u), 'Not a URL (it starts with https://).'),
});

const notificationId = z.string().regex(/^\d{1,19}$/, 'Not a notification id.');
export const markReadSchema = z.object({ id: notificationId });

/** Buttons that change something without other fields send confirm=yes (a bare POST is refused). */
export const confirmSchema = z.object({ confirm: z.literal('yes', { error: 'Confirm the action.' }) });
