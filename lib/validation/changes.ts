// The query of the list of changes (issue 27), three readings of one set of parameters:
// - the read API, GET /api/v1/changes: strict — a bad value, or a parameter it does not know, is a
//   422 naming it (a polling script must not get the unfiltered list because of a typo);
// - the Atom feed, /feeds/changes: the same, without paging (the feed is the newest changes);
// - the page, /changes: lenient — a bad value is left out and said (QueryProblems), like /suppliers.
import { z } from 'zod';
import { parsePartialDate, endOfPartialDate, isoDay } from '../dates';
import { CHANGE_KINDS, EMPTY_CHANGES_FILTER, type ChangeKind, type ChangesFilter, type ChangesSince } from '../changes/filter';
import { withoutControlCharacters, type QueryProblem, type RawSearchParams } from './search-params';
import { pageFields } from './api-v1';

const MAX_VALUES = 50;

const ITEMS = {
  authority: z.string().trim().regex(/^[A-Z0-9-]{1,20}$/, 'authority: give authority codes such as US-OFAC, EU or UK.'),
  program: z.string().trim().min(1, 'program: give program codes such as SDGT or IRAN-EO13902.').max(60, 'program: give program codes such as SDGT or IRAN-EO13902.'),
  weapon: z.string().trim().regex(/^[a-z0-9][a-z0-9-]{0,80}$/, 'weapon: give weapons program slugs such as shahed-136.'),
  country: z
    .string()
    .trim()
    .regex(/^[A-Za-z]{2}$/, 'country: use two-letter ISO 3166 codes such as IR or RU.')
    .transform((c) => c.toUpperCase()),
  kind: z.enum(CHANGE_KINDS, { error: `kind: use one of ${CHANGE_KINDS.join(', ')}.` }),
} as const;

/** One value or the parameter repeated (?authority=EU&authority=UK), each value checked. */
function many<T extends z.ZodType<string, string>>(el: T, message: string, description: string) {
  return z
    .union([el, z.array(el).max(MAX_VALUES, `Give at most ${MAX_VALUES} values.`)], { error: message })
    .optional()
    .transform((v): z.output<T>[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]))
    .meta({ description });
}

const dayRange = (what: string, end: boolean) =>
  z
    .string()
    .trim()
    .refine((v) => parsePartialDate(v) !== null, { message: `${what}: use YYYY, YYYY-MM or YYYY-MM-DD (a real calendar date).` })
    .optional()
    .transform((v) => widen(v, end))
    .meta({ description: `${what === 'from' ? 'Edition date on or after' : 'Edition date on or before'} (inclusive): YYYY, YYYY-MM or YYYY-MM-DD`, examples: ['2026-11'] });

/** A partial date as the first (from) or last (to) day it covers; null when absent or not a date. */
function widen(v: string | undefined, end: boolean): string | null {
  const p = v ? parsePartialDate(v) : null;
  if (!p) return null;
  return isoDay(end ? endOfPartialDate(p.date, p.precision) : p.date);
}

// An id (the `id` of a change, digits) or an ISO 8601 time with a zone ('Z' or ±hh:mm), or a day.
const SINCE_ID = /^\d{1,18}$/;
const SINCE_TIME = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2}))?$/;
const SINCE_MESSAGE = 'since: give the id of the last change you have (digits) or an ISO time such as 2026-12-07T10:00:00Z.';

/** `since` as the data layer takes it; null when it is not one (the schemas say so first). */
export function parseSince(v: string): ChangesSince | null {
  const s = v.trim();
  if (SINCE_ID.test(s)) return { id: String(BigInt(s)) };
  if (!SINCE_TIME.test(s)) return null;
  const t = new Date(s.length === 10 ? `${s}T00:00:00Z` : s);
  return Number.isNaN(t.getTime()) || (s.length === 10 && !parsePartialDate(s)) ? null : { at: t.toISOString() };
}

const since = z
  .string()
  .trim()
  .refine((v) => parseSince(v) !== null, { message: SINCE_MESSAGE })
  .optional()
  .transform((v) => (v === undefined ? null : parseSince(v)))
  .meta({
    description:
      'Changes recorded after this one: the `id` of the last change you have, or an ISO time (recorded after it). With `since`, the answer is oldest first (ascending `id`), for polling; without it, newest first.',
    examples: ['1234', '2026-12-07T10:00:00Z'],
  });

const filterFields = {
  authority: many(ITEMS.authority, 'authority: give authority codes such as US-OFAC, EU or UK.', 'Authority code(s), repeat for several (US-OFAC, EU, UK…)'),
  program: many(ITEMS.program, 'program: give program codes such as SDGT or IRAN-EO13902.', 'Sanctions program code(s): changes that name at least one'),
  weapon: many(ITEMS.weapon, 'weapon: give weapons program slugs such as shahed-136.', 'Weapons program slug(s): changes of entities that take part in or supply one (after merges)'),
  country: many(ITEMS.country, 'country: use two-letter ISO 3166 codes such as IR or RU.', 'ISO 3166-1 alpha-2 country code(s)'),
  kind: many(ITEMS.kind, `kind: use one of ${CHANGE_KINDS.join(', ')}.`, `Kind(s) of change: ${CHANGE_KINDS.join(', ')}`),
  from: dayRange('from', false),
  to: dayRange('to', true),
};

/**
 * For catchall(): a parameter the schema does not name is refused under its own name, beside the
 * other fields' problems (zod's strict object, catchall(never), reports unknown keys together and
 * unnamed, and a refinement would not run once a field failed).
 */
const unknownParameter = (route: string) => z.unknown().refine(() => false, { message: `not a parameter of ${route}; remove it.` });

const fromNotAfterTo = <T extends { from: string | null; to: string | null }>(q: T) => !q.from || !q.to || q.from <= q.to;

function toFilter(q: { authority: string[]; program: string[]; weapon: string[]; country: string[]; kind: ChangeKind[]; from: string | null; to: string | null; since?: ChangesSince | null }): ChangesFilter {
  const uniq = <T,>(xs: T[]) => [...new Set(xs)];
  return { authority: uniq(q.authority), program: uniq(q.program), weapon: uniq(q.weapon), country: uniq(q.country), kind: uniq(q.kind), from: q.from, to: q.to, since: q.since ?? null };
}

const apiShape = z.object({
    ...filterFields,
    since,
    ...pageFields,
});

/** GET /api/v1/changes. */
export const changesQuerySchema = apiShape
  .catchall(unknownParameter('/api/v1/changes'))
  .refine(fromNotAfterTo, { message: 'from must not be after to.', path: ['to'] })
  .transform((q) => ({ filter: toFilter(q), limit: q.limit, cursor: q.cursor }));

export type ChangesApiQuery = z.output<typeof changesQuerySchema>;

/** The Atom feed: the filters and the signed token (checked before this, by the route). */
const feedShape = z.object({ ...filterFields, token: z.string().optional() });
export const changesFeedQuerySchema = feedShape
  .catchall(unknownParameter('the changes feed'))
  .refine(fromNotAfterTo, { message: 'from must not be after to.', path: ['to'] })
  .transform((q) => toFilter(q));

export const CHANGES_FIELD_LABELS: Record<string, string> = {
  authority: 'Authority',
  program: 'Program',
  weapon: 'Weapons program',
  country: 'Country',
  kind: 'Kind of change',
  from: 'Edition from',
  to: 'Edition to',
  cursor: 'Page',
};

/**
 * The page's lenient reading: each value checked on its own, a bad one left out and reported (the
 * rest kept). The form's text fields may hold several codes separated by commas or spaces.
 */
export function parseChangesPageQuery(raw: RawSearchParams): { filter: ChangesFilter; cursor: string | null; problems: QueryProblem[] } {
  const clean = withoutControlCharacters(raw);
  const problems: QueryProblem[] = [...clean.problems.filter((p) => p.field in CHANGES_FIELD_LABELS)];
  const values = (name: string): string[] => {
    const v = clean.query[name];
    return (v === undefined ? [] : Array.isArray(v) ? v : [v]).flatMap((s) => String(s).split(/[\s,]+/)).filter(Boolean);
  };
  const filter: ChangesFilter = { ...EMPTY_CHANGES_FILTER };
  for (const name of ['authority', 'program', 'weapon', 'country', 'kind'] as const) {
    const kept: string[] = [];
    const bad: string[] = [];
    let message = '';
    for (const value of values(name)) {
      const r = ITEMS[name].safeParse(value);
      if (!r.success) {
        bad.push(value);
        message ||= r.error.issues[0]?.message ?? 'not a value this filter knows';
      } else if (!kept.includes(r.data)) kept.push(r.data);
    }
    if (bad.length) problems.push({ field: name, message: `Ignored ${bad.map((b) => `“${b.slice(0, 40)}”`).join(', ')}: ${message.replace(/^\w+: /, '')}` });
    if (kept.length > MAX_VALUES) problems.push({ field: name, message: `Only the first ${MAX_VALUES} values are used.` });
    (filter as Record<typeof name, string[]>)[name] = kept.slice(0, MAX_VALUES);
  }
  for (const name of ['from', 'to'] as const) {
    const [v] = values(name);
    if (!v) continue;
    const day = widen(v, name === 'to');
    if (day) filter[name] = day;
    else problems.push({ field: name, message: `Ignored “${v.slice(0, 40)}”: use YYYY, YYYY-MM or YYYY-MM-DD (a real calendar date).` });
  }
  if (filter.from && filter.to && filter.from > filter.to) {
    problems.push({ field: 'to', message: 'The edition range ends before it starts: both dates were ignored.' });
    filter.from = filter.to = null;
  }
  const [cursor] = values('cursor');
  return { filter, cursor: cursor ?? null, problems };
}

// ---- Response shape (stable: fields are only ever added) ----

const jsonValue = z.unknown().meta({ description: 'As the list had it: a string, number, list or object; null for none' });

export const changeSchema = z.object({
  id: z.string().regex(/^\d+$/).meta({ description: 'Increasing with every change recorded: pass the last one you have as `since`' }),
  kind: z.enum(CHANGE_KINDS),
  targetType: z.string().meta({ description: 'Entity | Designation | Relationship' }),
  targetId: z.string(),
  editionDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).meta({ description: 'The list edition that showed the change (YYYY-MM-DD)' }),
  recordedAt: z.string().meta({ description: 'When the change was recorded: its import applied (ISO time)' }),
  entityId: z.string().meta({ description: 'The entity now (after merges and splits): /api/v1/entities/{entityId}' }),
  recordedEntityId: z.string().meta({ description: 'The entity the change was recorded under' }),
  entityExists: z.boolean().meta({ description: 'False when the entity has since been deleted' }),
  entityName: z.string().meta({ description: 'The name as that edition of the list wrote it' }),
  recordId: z.string().nullable().meta({ description: 'The source record (its external id row)' }),
  sourceKey: z.string().meta({ description: "The list's own key of the record (OFAC ent_num …)" }),
  authorityId: z.string().nullable(),
  authorityName: z.string().nullable(),
  programs: z.array(z.string()).meta({ description: 'Program codes of the record' }),
  countries: z.array(z.string()).meta({ description: 'ISO 3166-1 alpha-2 codes' }),
  fields: z.record(z.string(), z.object({ from: jsonValue, to: jsonValue })).meta({ description: 'What changed, per field (programsAdded, reason, aliasesAdded, endDate, status…): before and after' }),
  run: z.object({ id: z.string(), fileName: z.string(), format: z.string() }).nullable().meta({ description: 'The import run that recorded it' }),
});
