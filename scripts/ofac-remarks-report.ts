// npx tsx scripts/ofac-remarks-report.ts [FILE]   (default data/ofac-sdn/sdn-last-rows.csv)
// What the one Remarks parser (lib/import/ofac-remarks.ts) makes of an SDN.CSV-layout file: rows,
// fragments per label family and label, the labels it does not know (with counts), notes, and the
// share of fragments mapped. Run it on a new OFAC edition to see what the label table should learn.
import path from 'node:path';
import { classifyRemarks, parseOfacRemarks } from '../lib/import/ofac-remarks';
import { readCsvRows } from '../lib/import/read';

const file = path.resolve(process.argv[2] ?? 'data/ofac-sdn/sdn-last-rows.csv');

const inc = (m: Map<string, number>, k: string, by = 1) => m.set(k, (m.get(k) ?? 0) + by);
const sorted = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
const pct = (n: number, d: number) => `${d ? ((100 * n) / d).toFixed(2) : '0.00'}%`;

async function main() {
  let rows = 0;
  let withRemarks = 0;
  let fragments = 0;
  let mapped = 0;
  let notes = 0;
  let truncated = 0;
  const families = new Map<string, number>();
  const labels = new Map<string, Map<string, number>>();
  const unmapped = new Map<string, number>();
  const identifierTypes = new Map<string, number>();
  for await (const { fields } of readCsvRows(file)) {
    // The DOS end-of-file byte on a line of its own.
    if (fields.length === 1) continue;
    rows++;
    const raw = (fields[11] ?? '').trim();
    const remarks = raw === '-0-' ? '' : raw;
    if (!remarks) continue;
    withRemarks++;
    const c = classifyRemarks(remarks);
    const parsed = parseOfacRemarks(remarks);
    if (c.truncated) truncated++;
    fragments += c.fragments.length;
    notes += parsed.notes.length;
    mapped += c.fragments.length - parsed.notes.length;
    for (const f of c.fragments) {
      if (!f.target || !f.key) continue;
      inc(families, f.target.kind);
      const byLabel = labels.get(f.target.kind) ?? labels.set(f.target.kind, new Map()).get(f.target.kind)!;
      inc(byLabel, f.key);
    }
    for (const i of parsed.identifiers) inc(identifierTypes, i.type);
    for (const l of parsed.unmappedLabels) inc(unmapped, l);
  }

  const out: string[] = [];
  out.push(`file: ${path.relative(process.cwd(), file)}`);
  out.push(`rows: ${rows}`, `rows with remarks: ${withRemarks}`, `rows cut at 1,000 characters: ${truncated}`);
  out.push(`fragments: ${fragments}`, `mapped: ${mapped}`, `notes: ${notes}`, `coverage (fragments mapped): ${pct(mapped, fragments)}`);
  out.push('', 'label families (fragments; a fragment the table knows but cannot read is a note):');
  for (const [family, n] of sorted(families)) {
    out.push(`  ${family}: ${n}`);
    for (const [label, m] of sorted(labels.get(family) ?? new Map())) out.push(`      ${label}: ${m}`);
  }
  out.push('', 'identifiers by type:');
  for (const [type, n] of sorted(identifierTypes)) out.push(`  ${type}: ${n}`);
  out.push('', `unmapped labels (${unmapped.size} distinct, ${[...unmapped.values()].reduce((a, b) => a + b, 0)} fragments, kept as notes):`);
  for (const [label, n] of sorted(unmapped)) out.push(`  ${label}: ${n}`);
  console.log(out.join('\n'));
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
});
