// URL state of the cross-authority lag page (/analysis/lag) and its chart export, parsed with zod.
// The cohort (issue 26) is named as on the overview: `case=` (curated cases), `program=` (sanctions
// programs, AUTHORITY:CODE), `weapon=` (weapons programs' participants) and `view=` (a saved entity
// search). Several values of one kind are a union; different kinds narrow one another.
import { z } from 'zod';
import { pageQuerySchema, withoutControlCharacters, type QueryProblem, type RawSearchParams } from './search-params';

export const LAG_SORTS = ['-days', 'days', 'entity', 'leader', 'follower', 'listed'] as const;
export type LagSort = (typeof LAG_SORTS)[number];

/** At most this many values per parameter: more is not a cohort anyone reads, and each is SQL. */
export const LAG_MAX_VALUES = 20;

const SLUG = /^[a-z0-9][a-z0-9-]{0,79}$/;
// As the overview writes a sanctions program: codes alone repeat across lists.
const PROGRAM_KEY = /^[A-Z0-9-]{2,16}:[^\s].{0,79}$/;
const AUTHORITY = /^[A-Z0-9-]{2,16}$/;
// Saved views have cuid ids.
const VIEW_ID = /^[A-Za-z0-9_-]{1,64}$/;

const list = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]).map((s) => s.trim()).filter(Boolean));

const valid = (re: RegExp) => list.transform((v) => [...new Set(v.filter((s) => re.test(s)))].slice(0, LAG_MAX_VALUES));

// pageQuerySchema: a parameter holding a control character is left out; the rest drop what they
// cannot use (parseLagQuery says what was dropped).
export const lagQuerySchema = pageQuerySchema(
  z
    .object({
      authority: valid(AUTHORITY),
      // NOTE: before cohorts, `program=` named a weapons program by its slug (links from the program
      // pages and saved views still do): a slug there is read as `weapon=`, with its old meaning.
      program: list,
      weapon: valid(SLUG),
      case: valid(SLUG),
      view: z.string().trim().regex(VIEW_ID).optional().catch(undefined),
      sort: z.enum(LAG_SORTS).catch('-days').default('-days'),
    })
    .transform(({ program, weapon, ...q }) => ({
      ...q,
      program: [...new Set(program.filter((p) => PROGRAM_KEY.test(p)))].slice(0, LAG_MAX_VALUES),
      weapon: [...new Set([...weapon, ...program.filter((p) => SLUG.test(p))])].slice(0, LAG_MAX_VALUES),
    })),
);
export type LagQuery = z.output<typeof lagQuerySchema>;

export const LAG_FIELD_LABELS: Record<string, string> = {
  authority: 'Compare authorities',
  program: 'Sanctions programs',
  weapon: 'Weapons programs',
  case: 'Case',
  view: 'Saved entity list',
  sort: 'Sort',
};

const MESSAGES: Record<string, { re: RegExp; message: string }> = {
  authority: { re: AUTHORITY, message: 'An authority is a code such as US-OFAC, EU or UK.' },
  program: { re: new RegExp(`${PROGRAM_KEY.source}|${SLUG.source}`), message: 'A sanctions program is written AUTHORITY:CODE (e.g. EU:RUS); a weapons program by its slug (e.g. shahed-136).' },
  weapon: { re: SLUG, message: 'A weapons program is named by its slug, e.g. shahed-136.' },
  case: { re: SLUG, message: 'A case is named by its slug, e.g. iran-drones.' },
  view: { re: VIEW_ID, message: 'Not a saved view id.' },
};

const asList = (v: unknown): string[] => (v === undefined ? [] : Array.isArray(v) ? v.map(String) : [String(v)]).map((s) => s.trim()).filter(Boolean);

/**
 * The lenient reading of the page's URL: what it can use, and each value it dropped and why (bad
 * values are reported, never an error page).
 */
export function parseLagQuery(raw: RawSearchParams): { query: LagQuery; problems: QueryProblem[] } {
  const { query: clean, problems } = withoutControlCharacters(raw);
  const query = lagQuerySchema.parse(clean);
  for (const [field, { re, message }] of Object.entries(MESSAGES)) {
    const values = asList(clean[field]);
    const bad = values.filter((v) => !re.test(v));
    if (field === 'view' && values.length > 1) problems.push({ field, message: 'Give one saved entity list.' });
    if (bad.length) problems.push({ field, message: `${bad.map((b) => `“${b.slice(0, 60)}”`).join(', ')}: ${message}` });
    else if (new Set(values).size > LAG_MAX_VALUES) problems.push({ field, message: `At most ${LAG_MAX_VALUES} values; the first ${LAG_MAX_VALUES} are used.` });
  }
  if (clean.sort !== undefined && !(LAG_SORTS as readonly string[]).includes(String(clean.sort))) problems.push({ field: 'sort', message: 'Unknown order; sorted by the longest lag.' });
  return { query, problems };
}

/** The page's URL for a query (defaults left out), also the export's query string. */
export function lagSearchParams(q: LagQuery): URLSearchParams {
  const p = new URLSearchParams();
  for (const a of q.authority) p.append('authority', a);
  for (const c of q.case) p.append('case', c);
  for (const k of q.program) p.append('program', k);
  for (const w of q.weapon) p.append('weapon', w);
  if (q.view) p.set('view', q.view);
  if (q.sort !== '-days') p.set('sort', q.sort);
  return p;
}
