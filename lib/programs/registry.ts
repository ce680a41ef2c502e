// The program registry (data/programs/): each authority's program codes with a sourced title, legal
// act and page, and the successions between codes (a rename is not a new designation). Pure: the
// seed (prisma/seed/programs.ts) writes it to the database, the OFAC history plan and the import
// read the successions, and every label in the app comes from `programLabel`.
import { parse } from 'csv-parse/sync';

export type ProgramEntry = {
  authorityId: string;
  code: string;
  /** null: no sourced title — shown as the code, marked untitled; never an invented title. */
  title: string | null;
  legalAct: string | null;
  url: string | null;
  sourceUrl: string | null;
};

export const SUCCESSION_KINDS = ['RENAME', 'REDESIGNATION', 'TERMINATION'] as const;
export type SuccessionKind = (typeof SUCCESSION_KINDS)[number];

export type Succession = {
  authorityId: string;
  fromCode: string;
  toCode: string;
  /** YYYY-MM-DD: the day the authority made the change. */
  date: string;
  kind: SuccessionKind;
  sourceUrl: string;
  note: string | null;
};

const blank = (v: string | undefined) => (v && v.trim() ? v.trim() : null);

function rows(text: string, required: string[], file: string): Array<Record<string, string>> {
  const out = parse(text, { columns: true, skip_empty_lines: true, bom: true }) as Array<Record<string, string>>;
  const missing = required.filter((c) => out.length && !(c in out[0]!));
  if (missing.length) throw new Error(`${file}: missing column(s) ${missing.join(', ')}`);
  return out;
}

export function parsePrograms(text: string): ProgramEntry[] {
  const seen = new Set<string>();
  return rows(text, ['authority', 'code', 'title', 'legal_act', 'url', 'source_url'], 'programs.csv').map((r, i) => {
    const authorityId = blank(r.authority);
    const code = blank(r.code);
    if (!authorityId || !code) throw new Error(`programs.csv line ${i + 2}: authority and code are required`);
    const key = `${authorityId}\u0000${code}`;
    if (seen.has(key)) throw new Error(`programs.csv line ${i + 2}: ${authorityId} ${code} is listed twice`);
    seen.add(key);
    const title = blank(r.title);
    const sourceUrl = blank(r.source_url);
    if ((title || blank(r.legal_act)) && !sourceUrl) throw new Error(`programs.csv line ${i + 2}: ${authorityId} ${code} has a title or legal act but no source_url`);
    return { authorityId, code, title, legalAct: blank(r.legal_act), url: blank(r.url), sourceUrl };
  });
}

/**
 * Successions decided from a source. Rows of kind `unknown` (no source decides the pair) are left
 * out: such a change stays what the list shows, a removal and a new designation.
 */
export function parseSuccessions(text: string): Succession[] {
  return rows(text, ['authority', 'from_code', 'to_code', 'date', 'kind', 'source_url'], 'successions.csv').flatMap((r, i) => {
    const kind = (r.kind ?? '').trim().toUpperCase();
    if (kind === 'UNKNOWN') return [];
    if (!(SUCCESSION_KINDS as readonly string[]).includes(kind)) throw new Error(`successions.csv line ${i + 2}: kind "${r.kind}" is not one of rename, redesignation, termination, unknown`);
    const date = (r.date ?? '').trim();
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new Error(`successions.csv line ${i + 2}: date "${r.date}" is not YYYY-MM-DD`);
    const sourceUrl = blank(r.source_url);
    if (!sourceUrl) throw new Error(`successions.csv line ${i + 2}: a ${kind.toLowerCase()} needs its source_url`);
    return [{ authorityId: r.authority!.trim(), fromCode: r.from_code!.trim(), toCode: r.to_code!.trim(), date, kind: kind as SuccessionKind, sourceUrl, note: blank(r.note) }];
  });
}

/** The renames, by `from→to`: what the OFAC history plan and the import consult. */
export function renamesByPair(successions: Succession[]): Map<string, Succession[]> {
  const map = new Map<string, Succession[]>();
  for (const s of successions) if (s.kind === 'RENAME') (map.get(`${s.authorityId}|${s.fromCode}|${s.toCode}`) ?? map.set(`${s.authorityId}|${s.fromCode}|${s.toCode}`, []).get(`${s.authorityId}|${s.fromCode}|${s.toCode}`)!).push(s);
  return map;
}

/** How the app names an authority in a program label. */
const AUTHORITY_PREFIX: Record<string, string> = { 'US-OFAC': 'US', EU: 'EU', UK: 'UK', UN: 'UN' };

export type ProgramLike = { authorityId: string; code: string; title: string | null; legalBasis?: string | null };

/** "Reg. 267/2012" from "Council Regulation (EU) No 267/2012" — the EU names its regimes by act. */
function shortEuAct(legalAct: string | null | undefined): string | null {
  const m = legalAct ? /(\d{1,4})\/(\d{4})|(\d{4})\/(\d{1,4})/.exec(legalAct) : null;
  if (!m) return null;
  return m[1] ? `Reg. ${m[1]}/${m[2]}` : `Reg. ${m[3]}/${m[4]}`;
}

/**
 * The label analysts read: "US — Global terrorism (SDGT)", "EU — Iran (nuclear proliferation), Reg.
 * 267/2012", "UK — Afghanistan"; a code without a sourced title reads "US — XYZ (untitled)". Codes
 * stay in URLs; exports carry both.
 */
export function programLabel(p: ProgramLike): string {
  const prefix = AUTHORITY_PREFIX[p.authorityId] ?? p.authorityId;
  if (!p.title) return `${prefix} — ${p.code} (untitled)`;
  if (p.authorityId === 'US-OFAC') return `${prefix} — ${p.title} (${p.code})`;
  if (p.authorityId === 'EU') {
    const act = shortEuAct(p.legalBasis);
    return `${prefix} — ${p.title}${act ? `, ${act}` : ''}`;
  }
  return `${prefix} — ${p.title}`;
}
