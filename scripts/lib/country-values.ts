// Every distinct country value the lists in data/ write, with its count and what
// lib/normalize/countries.ts makes of it (issue 24). Read through the importers' own parsers
// (parseFiles), plus what they keep as text: OFAC's places of birth and the "(Country)" after an
// identifier in the Remarks, ADD.CSV's country column, the UN's address and birth countries, the
// EU's places of birth. Run:
//   npx tsx --conditions=react-server scripts/lib/country-values.ts [--fixture]
// --fixture rewrites lib/normalize/country-values.fixture.json (the values and what they resolve
// to), which lib/normalize/countries.test.ts asserts: review its diff before committing it.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseFiles } from '../../lib/import/run';
import { readCsvRows } from '../../lib/import/read';
import { emptyReport, type ImportFormat } from '../../lib/import/types';
import { normalizeCountries, resolveCountry } from '../../lib/normalize/countries';

const ROOT = process.cwd();
const DATA = path.join(ROOT, 'data');
const FIXTURE = path.join(ROOT, 'lib', 'normalize', 'country-values.fixture.json');

/** country: a field meant to hold a country; place: free text whose last part is usually one. */
type Group = 'country' | 'place';
type Seen = { group: Group; codeField: boolean; fields: Set<string>; occurrences: Set<string> };
const values = new Map<string, Seen>();

function add(value: string | null | undefined, field: string, where: string, opts: { group?: Group; codeField?: boolean } = {}): void {
  const v = (value ?? '').trim();
  if (!v) return;
  const group = opts.group ?? 'country';
  const codeField = opts.codeField ?? false;
  const id = `${codeField ? 'code' : 'name'}|${v}`;
  const seen = values.get(id) ?? values.set(id, { group, codeField, fields: new Set(), occurrences: new Set() }).get(id)!;
  seen.fields.add(field);
  // One occurrence per entry (origin:key), whichever of its fields holds the value: the OFAC
  // editions repeat most entries.
  seen.occurrences.add(where);
  if (group === 'country') seen.group = 'country';
}

/** A place's country: its last comma-separated part, or the last two ('…, Korea, North'). */
function placeTail(place: string): string | null {
  const parts = place.split(',').map((p) => p.trim()).filter(Boolean);
  if (!parts.length) return null;
  const last = parts.slice(-1).join(', ');
  if (normalizeCountries([last]).unresolved.length === 0 || parts.length < 2) return last;
  const two = parts.slice(-2).join(', ');
  return normalizeCountries([two]).unresolved.length === 0 ? two : last;
}

const files = (dir: string, re: RegExp) => readdirSync(path.join(DATA, dir)).filter((f) => re.test(f)).sort().map((f) => path.join(DATA, dir, f));

async function fromParser(format: ImportFormat, list: string[], codeField = false): Promise<number> {
  const ctx = { report: emptyReport() };
  let n = 0;
  for await (const r of parseFiles(format, list, ctx).records) {
    n++;
    const e = r.entity;
    const src = `${format}`;
    if (e) {
      const where = `${e.source}:${e.externalId}`;
      const extra = (e.extra ?? {}) as Record<string, unknown>;
      // parseFiles may already have made codes of them (lib/import/normalize.ts): the values as listed.
      const listed = Array.isArray(extra.countriesAsListed) ? (extra.countriesAsListed as string[]) : e.countries;
      for (const c of listed) add(c, `${src} entity countries`, where, { codeField });
      for (const i of e.identifiers as Array<{ country: string | null; countryRaw?: string | null }>) add(i.countryRaw !== undefined ? i.countryRaw : i.country, `${src} identifier country`, where, { codeField });
      if (typeof extra.vesselFlag === 'string') add(extra.vesselFlag, `${src} vessel flag`, where);
      if (typeof extra.flag === 'string') for (const f of extra.flag.split(';')) add(f, `${src} flag`, where);
      if (typeof extra.birthPlace === 'string') for (const p of extra.birthPlace.split(';')) add(placeTail(p), `${src} birthPlace (last part)`, where, { group: 'place' });
      const props = (extra.properties ?? {}) as Record<string, unknown>;
      for (const k of ['birthCountry', 'mainCountry', 'flag']) {
        const vs = props[k];
        if (Array.isArray(vs)) for (const v of vs) if (typeof v === 'string') add(v, `${src} ${k}`, where, { codeField });
      }
    }
    for (const d of r.designations) add(d.authority?.country, `${src} sanction country`, `${d.origin}:${d.originKey}`, { codeField });
  }
  return n;
}

/** What SDN.CSV's Remarks keep as text: places of birth, and the issuing country of identifiers. */
async function ofacRemarks(file: string, origin: string): Promise<void> {
  for await (const { fields } of readCsvRows(file)) {
    const ent = `${origin}:${(fields[0] ?? '').trim()}`;
    const remarks = (fields[11] ?? '').trim();
    if (!/:\d+$/.test(ent) || remarks === '-0-') continue;
    for (const item of remarks.split(';').map((s) => s.trim().replace(/\.$/, ''))) {
      const pob = /^(?:alt\.\s+)?POB\s+(.+)$/.exec(item);
      if (pob) {
        add(placeTail(pob[1] ?? ''), 'ofac remarks POB (last part)', ent, { group: 'place' });
        continue;
      }
      // 'Passport D9002780 (Iran) issued 1999', 'Registration Number HRA 738077 (Stuttgart) (Germany)':
      // the last parenthesis of an identifier (a label, a value holding a digit), after a space
      // ('IT022428/2014(G)' is part of the number).
      if (/^(?:a\.k\.a|f\.k\.a|n\.k\.a|Linked To|DOB|POB|nationality|citizen|Website|Email|Telephone|Phone|Fax|Additional Sanctions|Secondary sanctions|Executive Order|CAATSA|alt\. (?:Executive|CAATSA)|Aircraft Model|Organization Established|Organization Type|Target Type|Gender|Vessel Type|Other Vessel|Nationality of Registration|Effective Date|Listing Date|Transactions Prohibited|IFCA|Prohibitions|Digital Currency)/i.test(item)) continue;
      const id = /^[^()]*?\S*\d\S*.*\s\(([^()]{2,})\)(?:\s+(?:issued|expires)\b[^()]*)?$/.exec(item);
      if (id) add(id[1], 'ofac remarks identifier (Country)', ent);
    }
  }
}

async function ofacAddCsv(file: string): Promise<void> {
  for await (const { fields } of readCsvRows(file)) {
    const country = (fields[4] ?? '').trim();
    if (/^\d+$/.test((fields[0] ?? '').trim()) && country !== '-0-') add(country, 'ofac ADD.CSV country', `ofac-sdn:${(fields[0] ?? '').trim()}`);
  }
}

/** The UN's <COUNTRY> (addresses, places of birth) and <COUNTRY_OF_BIRTH>, which the parser joins into text. */
function unCountries(file: string): void {
  const xml = readFileSync(file, 'utf8');
  for (const entry of xml.matchAll(/<(INDIVIDUAL|ENTITY)>([\s\S]*?)<\/\1>/g)) {
    const ref = `un-sc:${/<REFERENCE_NUMBER>([^<]*)</.exec(entry[2] ?? '')?.[1]?.trim() ?? ''}`;
    for (const m of (entry[2] ?? '').matchAll(/<(COUNTRY|COUNTRY_OF_BIRTH)>([^<]*)<\/\1>/g)) add(m[2]?.replace(/\s+/g, ' '), `un-xml <${m[1]}>`, ref);
  }
}

function expected(value: string, codeField: boolean): string | null {
  const r = normalizeCountries([value], { codeField });
  if (r.unresolved.length) return null;
  const out = [...r.codes, ...r.uncertain.map((c) => `?${c}`)];
  return out.length ? out.join(' ') : 'n/a';
}

async function main(): Promise<void> {
  const sdn = [...files('ofac-sdn/editions', /\.csv$/), path.join(DATA, 'ofac-sdn', 'sdn-last-rows.csv')];
  const cons = files('ofac-cons', /\.csv$/);
  const counts: Record<string, number> = {};
  for (const f of [...sdn, ...cons]) {
    counts[path.basename(f)] = await fromParser('ofac-sdn-csv', [f]);
    await ofacRemarks(f, cons.includes(f) ? 'ofac-cons' : 'ofac-sdn');
  }
  await ofacAddCsv(path.join(DATA, 'ofac-sdn', 'add-alt-2026', 'add.csv'));
  counts.eu = await fromParser('eu-csv', files('eu', /^3\d{4}[A-Z]\d{4}.*\.csv$/));
  counts.uk = await fromParser('uk-csv', [path.join(DATA, 'uk', 'subjects.csv'), path.join(DATA, 'uk', 'subject_names.csv')]);
  for (const f of files('un', /\.xml$/)) {
    counts[path.basename(f)] = await fromParser('un-xml', [f]);
    unCountries(f);
  }
  counts.ftm = await fromParser('ftm', files('opensanctions-ftm', /\.json$/), true);
  console.log(`records read: ${Object.entries(counts).map(([k, v]) => `${k} ${v}`).join(', ')}`);

  const rows = [...values.entries()].map(([id, s]) => {
    const value = id.slice(id.indexOf('|') + 1);
    return { value, ...s, count: s.occurrences.size, result: expected(value, s.codeField) };
  });
  rows.sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
  for (const r of rows) {
    const single = resolveCountry(r.value, { codeField: r.codeField });
    const note = r.result !== null && !single ? ' (several)' : '';
    console.log(`${String(r.count).padStart(6)}  ${(r.result ?? 'UNRESOLVED').padEnd(12)} ${r.codeField ? '[code] ' : ''}${JSON.stringify(r.value)}${note}  — ${[...r.fields].join(', ')}`);
  }
  for (const group of ['country', 'place', null] as const) {
    const of = rows.filter((r) => group === null || r.group === group);
    const ok = of.filter((r) => r.result !== null);
    const occ = of.reduce((n, r) => n + r.count, 0);
    const occOk = ok.reduce((n, r) => n + r.count, 0);
    const pct = (a: number, b: number) => (b ? ((100 * a) / b).toFixed(2) : '100.00');
    console.log(`\n${group ?? 'all'} values: ${of.length} distinct, ${ok.length} resolved (${pct(ok.length, of.length)}%); occurrences ${occ}, resolved ${occOk} (${pct(occOk, occ)}%)`);
    if (group) for (const r of of.filter((x) => x.result === null)) console.log(`  unresolved ${String(r.count).padStart(5)}  ${JSON.stringify(r.value)}  — ${[...r.fields].join(', ')}`);
  }
  if (process.argv.includes('--fixture')) {
    const pick = (codeField: boolean) => Object.fromEntries(rows.filter((r) => r.codeField === codeField).map((r) => [r.value, r.result] as const).sort(([a], [b]) => a.localeCompare(b)));
    writeFileSync(FIXTURE, `${JSON.stringify({ names: pick(false), codes: pick(true) }, null, 1)}\n`);
    console.log(`\nwrote ${path.relative(ROOT, FIXTURE)}`);
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
