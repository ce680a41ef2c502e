// Evidence no pair shows on its own: how many records of each list carry a name. When each of two
// list documents names exactly one record "X" (after normalisation), both records are of compatible
// schemas, and nothing in the pair speaks against it, the two are one entity far more often than two
// records merely sharing a name — the case of the UK list, whose records carry names only. A review
// pair with that evidence merges; nothing else changes (a negative feature, a forced review — same
// document, a branch, an identifier on disagreeing names — keeps it in review).
import { schemaClass } from './blocking';
import { nameKindOf, parseName } from './names';
import { FORCED_REVIEW } from './score';
import type { PairScore, ResolutionRecord, Thresholds } from './types';

/** Fewer words than this: too generic to be a list's only one ("Alfa Bank" is two; one-word names never). */
const MIN_TOKENS: Record<'person' | 'org' | 'vessel' | 'airplane', number> = { person: 3, org: 2, vessel: 99, airplane: 99 };

export type NameCorpus = { uniqueName: (a: ResolutionRecord, b: ResolutionRecord) => string | null };

export function buildNameCorpus(records: readonly ResolutionRecord[]): NameCorpus {
  const keyOf = new Map<string, string | null>();
  const counts = new Map<string, number>();
  for (const r of records) {
    const cls = schemaClass(r.schema);
    // Words sorted: OFAC writes "PRIGOZHIN, Yevgeniy Viktorovich", the UK "Yevgeniy Viktorovich Prigozhin".
    // The legal form and the numbers are part of the name here: "Bank Melli Iran ZAO" (a subsidiary) is
    // not named like "BANK MELLI IRAN"; "JSC RUSATOM OVERSEAS" is like "RUSATOM OVERSEAS JOINT STOCK COMPANY".
    const parsed = r.names[0] ? parseName(r.names[0], nameKindOf(r.schema)) : null;
    const words = parsed ? parsed.tokens.map((t) => t.form).sort() : [];
    const name = words.join(' ');
    const form = parsed ? [...new Set(parsed.orgClasses)].sort().join('+') : '';
    const key = name && words.length >= MIN_TOKENS[cls] ? `${cls}|${name}|${form}|${parsed!.numbers.join(' ')}` : null;
    keyOf.set(r.id, key);
    if (key) counts.set(`${r.document}|${key}`, (counts.get(`${r.document}|${key}`) ?? 0) + 1);
  }
  return {
    uniqueName(a, b) {
      const key = keyOf.get(a.id);
      if (!key || key !== keyOf.get(b.id) || a.document === b.document) return null;
      return counts.get(`${a.document}|${key}`) === 1 && counts.get(`${b.document}|${key}`) === 1 ? key.split('|')[1]! : null;
    },
  };
}

/** The pair's score with the corpus evidence: a clean review pair that each list names uniquely alike merges. */
export function withCorpus(s: PairScore, a: ResolutionRecord, b: ResolutionRecord, corpus: NameCorpus, thresholds: Thresholds): PairScore {
  if (s.decision !== 'review' || s.evidence.some((e) => e.weight < 0 || e.feature === FORCED_REVIEW)) return s;
  const name = corpus.uniqueName(a, b);
  if (!name) return s;
  return {
    score: Math.max(s.score, thresholds.merge),
    decision: 'merge',
    evidence: [...s.evidence, { feature: 'uniqueName', weight: Math.max(0, thresholds.merge - s.score), detail: `"${name}": the only record so named in ${a.document} and in ${b.document}` }],
  };
}
