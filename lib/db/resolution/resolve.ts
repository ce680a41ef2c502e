import 'server-only';
// Cross-list resolution (issue 24, docs/adr/0014-source-records-and-clusters.md): the source records
// of every list → the matcher (lib/resolution: blocking, scoring, clustering) → merges of the
// entities (clusters) their records are in, and the ranked review queue for the uncertain pairs.
// Runs in full (`npm run resolve`, the seed's last step) or incrementally after each import (only
// pairs with a record that import created or changed). It only joins: a record leaves an entity
// only by an admin's split. Decisions (resolution_judgement) always win over scores, and two
// records of one list document are never merged automatically.
import type { Prisma, PrismaClient } from '../generated/client';
import type { Actor } from '../audit';
import { mergeEntitiesBulkInTx } from '../admin/entities';
import { blockPairs } from '../../resolution/blocking';
import { scorePair, DEFAULT_THRESHOLDS } from '../../resolution/score';
import { planClusters } from '../../resolution/cluster';
import { buildNameCorpus, withCorpus } from '../../resolution/corpus';
import type { Judgement, ScoredPair, Thresholds } from '../../resolution/types';
import { loadResolutionRecords, type LoadedRecord } from './records';
import { loadJudgements } from './judgements';

type Tx = Prisma.TransactionClient;

export type ResolutionSummary = {
  records: number;
  /** Candidate pairs blocking produced, and how many were scored 'merge' / 'review'. */
  pairs: number;
  mergePairs: number;
  reviewPairs: number;
  /** Entities merged into others, and review candidates written (new ones). */
  merged: number;
  candidates: number;
  timings: Record<string, number>;
};

export type ResolveOptions = {
  actor: Actor;
  dryRun?: boolean;
  /** Only pairs with at least one of these records (the incremental pass after an import). */
  subset?: string[];
  thresholds?: Thresholds;
  onProgress?: (phase: string, done: number, total: number) => void;
};

export type ResolutionPlan = {
  records: LoadedRecord[];
  scored: ScoredPair[];
  merges: Array<{ mergedId: string; survivorId: string; meta: Record<string, unknown> }>;
  reviews: ScoredPair[];
};

/**
 * The files' own cross-references, stronger than any score: an OpenSanctions entity's referents
 * (the entries it was built from: OpenSanctions ids, OFAC's `ofac-<ent_num>`), and an OpenSanctions
 * id `ofac-<ent_num>` itself. (The UK list's UN references are a feature of the score.)
 */
export function crossReferences(records: LoadedRecord[], subset?: Set<string>): ScoredPair[] {
  const key = (source: string, id: string) => `${source}\u0000${id}`;
  const bySourceId = new Map(records.map((r) => [key(r.source, r.externalId), r]));
  const find = (ref: string) => bySourceId.get(key('opensanctions', ref)) ?? (/^ofac-\d+$/.test(ref) ? bySourceId.get(key('ofac-sdn', ref.slice(5))) ?? bySourceId.get(key('ofac-cons', ref.slice(5))) : undefined);
  const out: ScoredPair[] = [];
  for (const r of records) {
    if (r.source !== 'opensanctions') continue;
    for (const ref of [...r.referents, r.externalId]) {
      const other = find(ref);
      if (!other || other.id === r.id || other.entityId === r.entityId) continue;
      if (subset && !subset.has(r.id) && !subset.has(other.id)) continue;
      const detail = ref === r.externalId ? `OpenSanctions id ${ref}` : `OpenSanctions referent ${ref}`;
      out.push({ a: r.id, b: other.id, score: 1, decision: 'merge', evidence: [{ feature: 'crossReference', weight: 1, detail }] });
    }
  }
  return out;
}

/** Scores the blocked pairs and plans the merges; writes nothing. */
export async function planResolution(db: Tx | PrismaClient, opts: Omit<ResolveOptions, 'actor' | 'dryRun'> = {}, timings: Record<string, number> = {}): Promise<ResolutionPlan> {
  let t = Date.now();
  const lap = (k: string) => {
    timings[k] = Date.now() - t;
    t = Date.now();
  };
  const loaded = await loadResolutionRecords(db);
  // NOTE: the matcher sees each record by its list and key (`ofac-sdn:1003`), not its random row id:
  // clustering breaks ties between equal scores in id order, so the outcome is the same on every
  // database that holds the same lists. Ids are mapped back below.
  const stableOf = new Map(loaded.map((r) => [r.id, `${r.source}:${r.externalId}`]));
  const dbOf = new Map(loaded.map((r) => [`${r.source}:${r.externalId}`, r.id]));
  const records = loaded.map((r) => ({ ...r, id: stableOf.get(r.id)! })).sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
  const judgements: Judgement[] = (await loadJudgements(db as Tx)).flatMap((j) => (stableOf.has(j.a) && stableOf.has(j.b) ? [{ ...j, a: stableOf.get(j.a)!, b: stableOf.get(j.b)! }] : []));
  lap('load');
  const subset = opts.subset ? new Set(opts.subset.flatMap((id) => (stableOf.has(id) ? [stableOf.get(id)!] : []))) : undefined;
  if (subset && subset.size === 0) return { records: loaded, scored: [], merges: [], reviews: [] };
  const blocked = blockPairs(records, subset ? { subset } : {});
  lap('block');
  const thresholds = opts.thresholds ?? DEFAULT_THRESHOLDS;
  // Over every list's records, also in an incremental pass: "the only record so named" is a fact of the whole list.
  const corpus = buildNameCorpus(records);
  const scored: ScoredPair[] = [];
  for (let i = 0; i < blocked.length; i++) {
    const [x, y] = blocked[i]!;
    const a = records[x]!;
    const b = records[y]!;
    // One document never names one thing twice: its pairs are neither merged nor queued (a list's
    // namesakes would flood the queue); an admin merges a real duplicate by hand.
    if (a.entityId === b.entityId || a.document === b.document) continue;
    const s = withCorpus(scorePair(a, b, { thresholds }), a, b, corpus, thresholds);
    if (s.decision !== 'no') scored.push({ a: a.id, b: b.id, score: s.score, decision: s.decision, evidence: s.evidence });
    if (i % 5000 === 0) opts.onProgress?.('score', i, blocked.length);
  }
  opts.onProgress?.('score', blocked.length, blocked.length);
  scored.push(...crossReferences(records, subset));
  lap('score');
  const plan = planClusters(records, scored, judgements, { entityCreatedAt: new Map(records.map((r) => [r.entityId, r.entityCreatedAt.getTime()])) });
  lap('cluster');
  const merges = plan.merges.map((m) => ({
    mergedId: m.mergedId,
    survivorId: m.survivorId,
    meta: { via: 'resolution', ...(m.pair ? { score: m.pair.score, records: [m.pair.a, m.pair.b].map((id) => id.replace(':', ' ')), evidence: m.pair.evidence?.map((e) => e.detail) } : {}) },
  }));
  const back = <T extends { a: string; b: string }>(p: T): T => ({ ...p, a: dbOf.get(p.a)!, b: dbOf.get(p.b)! });
  return { records: loaded, scored: scored.map(back), merges, reviews: plan.reviews.map(back) };
}

/** After an import (AFTER_APPLY_STEPS, lib/db/imports.ts): the records it created or changed. */
export async function resolveAfterImport(tx: Tx, run: { actor: Actor; report: { resolution?: { merged: number; candidates: number; conflicts: number } }; sql: { query: (q: string) => Promise<{ rows: Array<{ rid: string }> }> } }): Promise<ResolutionSummary | null> {
  // p_entity: the loader's plan of this run's records, on this connection (lib/db/imports.ts).
  const touched = (await run.sql.query(`SELECT rid FROM p_entity WHERE existing_id IS NULL OR record_changed`)).rows.map((r) => r.rid);
  if (!touched.length) {
    run.report.resolution = { merged: 0, candidates: 0, conflicts: 0 };
    return null;
  }
  const summary = await resolveEntities(tx, { actor: run.actor, subset: touched });
  if (process.env.IMPORT_DEBUG) process.stderr.write(`  resolution (${touched.length} records touched): ${JSON.stringify(summary.timings)}\n`);
  run.report.resolution = { merged: summary.merged, candidates: summary.candidates, conflicts: 0 };
  return summary;
}

/** Plans and (unless a dry run) applies: merges, then the review candidates. */
export async function resolveEntities(tx: Tx, opts: ResolveOptions): Promise<ResolutionSummary> {
  const timings: Record<string, number> = {};
  const plan = await planResolution(tx, opts, timings);
  const summary: ResolutionSummary = {
    records: plan.records.length, pairs: plan.scored.length, mergePairs: plan.scored.filter((p) => p.decision === 'merge').length,
    reviewPairs: plan.reviews.length, merged: plan.merges.length, candidates: 0, timings,
  };
  if (opts.dryRun) return summary;
  let t = Date.now();
  await mergeEntitiesBulkInTx(tx, opts.actor, plan.merges);
  timings.merge = Date.now() - t;
  t = Date.now();
  summary.candidates = await writeCandidates(tx, plan);
  timings.candidates = Date.now() - t;
  return summary;
}

/**
 * One candidate per pair of entities (after the merges), its best-scored record pair, with the
 * evidence side by side. A pair decided before (merged, rejected) keeps its decision.
 */
async function writeCandidates(tx: Tx, plan: ResolutionPlan): Promise<number> {
  const survivor = new Map(plan.merges.map((m) => [m.mergedId, m.survivorId]));
  const entityOf = new Map(plan.records.map((r) => [r.id, survivor.get(r.entityId) ?? r.entityId]));
  const byRecord = new Map(plan.records.map((r) => [r.id, r]));
  const best = new Map<string, ScoredPair & { ea: string; eb: string }>();
  for (const p of plan.reviews) {
    const [ea, eb] = [entityOf.get(p.a)!, entityOf.get(p.b)!].sort() as [string, string];
    if (!ea || !eb || ea === eb) continue;
    const k = `${ea}|${eb}`;
    const prev = best.get(k);
    if (!prev || p.score > prev.score) best.set(k, { ...p, ea, eb });
  }
  const rows = [...best.values()];
  if (!rows.length) return 0;
  const label = (id: string) => `${byRecord.get(id)?.source} ${byRecord.get(id)?.externalId}`;
  const reason = (p: ScoredPair) => (p.evidence ?? []).filter((e) => e.weight !== 0).map((e) => e.detail).join('; ').slice(0, 1000) || 'similar records';
  const features = (p: ScoredPair) => JSON.stringify({ records: [label(p.a), label(p.b)], recordIds: [p.a, p.b], evidence: p.evidence ?? [] });
  return tx.$executeRaw`
    INSERT INTO match_candidate (id, entity_a_id, entity_b_id, score, reason, features)
    SELECT gen_random_uuid()::text, a, b, s, r, f::jsonb FROM unnest(${rows.map((p) => p.ea)}::text[], ${rows.map((p) => p.eb)}::text[], ${rows.map((p) => p.score)}::float8[],
      ${rows.map(reason)}::text[], ${rows.map(features)}::text[]) AS t(a, b, s, r, f)
    ON CONFLICT (entity_a_id, entity_b_id) DO UPDATE SET score = EXCLUDED.score, reason = EXCLUDED.reason, features = EXCLUDED.features
      WHERE match_candidate.status = 'PENDING'`;
}
