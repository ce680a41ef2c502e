// The evaluation of the matcher on the labelled set (data/resolution/eval-pairs.csv, README there):
// the seeded lists' records read by the importers' own parsers and normalisation (parseFiles), the
// matcher's blocking over all of them (a pair blocking does not find is a 'no'), then the score of
// each labelled pair. Identifiers a label was derived from are withheld from the matcher.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { parseFiles } from '../../lib/import/run';
import { emptyReport, type ImportFormat } from '../../lib/import/types';
import { blockPairs } from '../../lib/resolution/blocking';
import { scorePair, DEFAULT_THRESHOLDS } from '../../lib/resolution/score';
import { evaluate, type EvaluationReport, type LabelledPair, type Prediction } from '../../lib/resolution/evaluation';
import { buildNameCorpus, withCorpus } from '../../lib/resolution/corpus';
import { SOURCE_AUTHORITY, sourceDocument, toResolutionRecord } from '../../lib/resolution/from-entity';
import type { Evidence, ResolutionRecord, Thresholds } from '../../lib/resolution/types';

const DATA = path.resolve(import.meta.dirname, '../../data');

// The lists the seed loads (prisma/seed: OFAC's last rows, official-lists.ts), as the importers read them.
const LISTS: Array<{ format: ImportFormat; files: string[] }> = [
  { format: 'ofac-sdn-csv', files: ['ofac-sdn/sdn-last-rows.csv', 'ofac-sdn/add-alt-2026/add.csv', 'ofac-sdn/add-alt-2026/alt.csv'] },
  { format: 'eu-csv', files: ['eu/32012R0267.csv', 'eu/32014R0269.csv', 'eu/32023R1529.csv'] },
  { format: 'uk-csv', files: ['uk/subjects.csv', 'uk/subject_names.csv'] },
  { format: 'un-xml', files: ['un/consolidated-2018-08-27.xml'] },
];

export type EvalLabel = LabelledPair & { withheld: string[]; evidence: string };

export function readLabels(file = path.join(DATA, 'resolution/eval-pairs.csv')): EvalLabel[] {
  const rows = parse(readFileSync(file), { columns: true, skip_empty_lines: true }) as Array<Record<string, string>>;
  return rows.map((r) => ({
    a: r.a!, b: r.b!, same: r.same === 'yes', listPair: r.list_pair!, schema: r.schema!, source: r.label_source!, evidence: r.evidence ?? '',
    withheld: (r.withheld ?? '').split(';').map((s) => s.trim()).filter(Boolean),
  }));
}

/** Every record of the seeded lists, keyed `source:externalId`. */
export async function loadRecords(): Promise<Map<string, ResolutionRecord>> {
  const out = new Map<string, ResolutionRecord>();
  for (const list of LISTS) {
    const parsed = parseFiles(list.format, list.files.map((f) => path.join(DATA, f)), { report: emptyReport() }, '2026-01-01');
    for await (const rec of parsed.records) {
      const e = rec.entity;
      if (!e) continue;
      const key = `${e.source}:${e.externalId}`;
      out.set(key, toResolutionRecord(e, {
        id: key, entityId: key, document: sourceDocument(e.source, e.externalId), authority: SOURCE_AUTHORITY[e.source] ?? e.source, source: e.source, externalId: e.externalId,
        programs: [...new Set(rec.designations.flatMap((d) => d.programs))],
      }));
    }
  }
  return out;
}

export type EvalRun = { report: EvaluationReport; labels: EvalLabel[]; predictions: Array<Prediction & { score: number; evidence: Evidence[] }>; missing: string[]; thresholds: Thresholds };

export async function runEvaluation(opts: { thresholds?: Thresholds; labels?: EvalLabel[] } = {}): Promise<EvalRun> {
  const thresholds = opts.thresholds ?? DEFAULT_THRESHOLDS;
  const labels = opts.labels ?? readLabels();
  const byKey = await loadRecords();
  const missing = [...new Set(labels.flatMap((l) => [l.a, l.b]).filter((k) => !byKey.has(k)))];
  // Withheld: the identifiers a label was derived from, on both records (type:key as in the CSV).
  const withheld = new Map<string, Set<string>>();
  for (const l of labels) for (const k of [l.a, l.b]) for (const w of l.withheld) (withheld.get(k) ?? withheld.set(k, new Set()).get(k)!).add(w);
  const records = [...byKey.values()].map((r) => {
    const w = withheld.get(r.id);
    if (!w) return r;
    // By value, whatever the type (data/resolution/README.md): a list may file the number under another type.
    const values = new Set([...w].map((x) => x.slice(x.indexOf(':') + 1)));
    return { ...r, identifiers: r.identifiers.filter((i) => !values.has(i.key)), unReference: r.document === 'uk-list' && [...w].some((x) => x.startsWith('unReferenceNumber:')) ? null : r.unReference };
  });
  const index = new Map(records.map((r, i) => [r.id, i]));
  const subset = new Set(labels.flatMap((l) => [l.a, l.b]).filter((k) => index.has(k)));
  const blocked = new Set(blockPairs(records, { subset }).map(([x, y]) => [records[x]!.id, records[y]!.id].sort().join('|')));
  const corpus = buildNameCorpus(records);
  const predictions = labels.flatMap((l) => {
    const [a, b] = [index.get(l.a), index.get(l.b)];
    if (a === undefined || b === undefined || !blocked.has([l.a, l.b].sort().join('|'))) return [];
    const s = withCorpus(scorePair(records[a]!, records[b]!, { thresholds }), records[a]!, records[b]!, corpus, thresholds);
    return [{ a: l.a, b: l.b, decision: s.decision, score: s.score, evidence: s.evidence }];
  });
  return { report: evaluate(labels, predictions), labels, predictions, missing, thresholds };
}
