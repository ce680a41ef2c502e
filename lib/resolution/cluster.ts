// From scored pairs to clusters, and the plan the database layer applies. Union-find over the
// 'merge' pairs, best first, under two hard rules that hold transitively: no cluster holds two
// records an admin judged different (a rejected match or a split), and no cluster holds two records
// of one list document unless an admin joined them (a list does not name one thing twice, so a
// chain A–B–C that would put two OFAC entries together means one link is wrong). Refused links go
// to the review queue. Positive judgements always join; the records' current entities are kept
// together too, unless a negative judgement now separates them.
import { DEFAULT_THRESHOLDS, FORCED_REVIEW } from './score';
import type { Judgement, ResolutionRecord, ScoredPair, Thresholds } from './types';

export type ClusterOptions = {
  thresholds?: Thresholds;
  /**
   * entityId → its creation time (Date, ISO string or epoch ms) or any rank, lower = older. The
   * oldest entity of a cluster stays canonical (its URL and history survive); unknown = newest.
   */
  entityCreatedAt?: ReadonlyMap<string, Date | string | number>;
  /** Start from the records' current entities (default true); false: only judgements and pairs. */
  keepExisting?: boolean;
};

export type PlannedCluster = {
  /** null: none of its entities can stay canonical (all were split off elsewhere): a new entity. */
  canonicalEntityId: string | null;
  recordIds: string[];
  /** Entities that stop being canonical and redirect to this cluster's entity. */
  mergedEntityIds: string[];
  /** Records not in the canonical entity yet: along with their entity's redirect, or moved alone (a split). */
  moves: Array<{ recordId: string; fromEntityId: string; via: 'redirect' | 'move' }>;
  changed: boolean;
};

export type ReviewItem = ScoredPair & { note?: string };

export type ClusterPlan = {
  clusters: PlannedCluster[];
  redirects: Array<{ from: string; to: string }>;
  /**
   * The redirects for the merge (lib/db admin merge: `mergedId` redirects to `survivorId`), each
   * with the best applied pair that brought a record of the merged entity into the cluster (absent
   * when an admin's acceptance did).
   */
  merges: Array<{ mergedId: string; survivorId: string; pair?: ScoredPair }>;
  /** Pairs for an admin, highest score first: neither in one cluster nor judged. */
  reviews: ReviewItem[];
  /** 'merge' pairs the rules refused (also in reviews). */
  refused: Array<{ a: string; b: string; score: number; reason: string }>;
  /** Judgements or current entities that contradict a negative judgement (the negative one wins). */
  conflicts: Array<{ a: string; b: string; reason: string }>;
};

const pairKey = (a: string, b: string) => (a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`);

function rankValue(v: Date | string | number | undefined): number {
  if (v === undefined) return Number.POSITIVE_INFINITY;
  if (typeof v === 'number') return v;
  const t = v instanceof Date ? v.getTime() : Date.parse(v);
  return Number.isNaN(t) ? Number.POSITIVE_INFINITY : t;
}

export function planClusters(
  records: readonly ResolutionRecord[],
  pairs: readonly ScoredPair[],
  judgements: readonly Judgement[],
  opts: ClusterOptions = {},
): ClusterPlan {
  const t = opts.thresholds ?? DEFAULT_THRESHOLDS;
  const n = records.length;
  const index = new Map(records.map((r, i) => [r.id, i]));
  const parent = Int32Array.from({ length: n }, (_, i) => i);
  const members: number[][] = records.map((_, i) => [i]);
  const docs: Array<Map<string, number>> = records.map((r) => new Map([[r.document, 1]]));
  const forbidden: Array<Set<number>> = records.map(() => new Set());
  const find = (x: number): number => {
    while (parent[x] !== x) {
      parent[x] = parent[parent[x]!]!;
      x = parent[x]!;
    }
    return x;
  };

  const judged = new Map<string, boolean>();
  for (const j of judgements) {
    const a = index.get(j.a);
    const b = index.get(j.b);
    // NOTE: a rejection wins over an acceptance of the same pair, whatever their order.
    judged.set(pairKey(j.a, j.b), (judged.get(pairKey(j.a, j.b)) ?? true) && j.same);
    if (!j.same && a !== undefined && b !== undefined && a !== b) {
      forbidden[a]!.add(b);
      forbidden[b]!.add(a);
    }
  }

  /** Why x's and y's components may not be one, or null. */
  const obstacle = (rx: number, ry: number, respectDocuments: boolean): string | null => {
    const [small, big] = members[rx]!.length <= members[ry]!.length ? [rx, ry] : [ry, rx];
    for (const m of members[small]!) {
      if (forbidden[big]!.has(m)) return 'judged different (directly or through the cluster)';
    }
    if (respectDocuments) {
      const [ds, db] = docs[rx]!.size <= docs[ry]!.size ? [docs[rx]!, docs[ry]!] : [docs[ry]!, docs[rx]!];
      for (const d of ds.keys()) if (db.has(d)) return `would put two records of ${d} in one cluster`;
    }
    return null;
  };
  const join = (rx: number, ry: number) => {
    const [small, big] = members[rx]!.length <= members[ry]!.length ? [rx, ry] : [ry, rx];
    parent[small] = big;
    for (const m of members[small]!) members[big]!.push(m);
    for (const [d, c] of docs[small]!) docs[big]!.set(d, (docs[big]!.get(d) ?? 0) + c);
    for (const f of forbidden[small]!) forbidden[big]!.add(f);
    members[small] = [];
    docs[small]!.clear();
    forbidden[small]!.clear();
  };

  const conflicts: ClusterPlan['conflicts'] = [];
  // 1. Admins' acceptances: always, across documents too — unless they contradict a rejection.
  const positives = judgements
    .filter((j) => j.same)
    .map((j) => ({ j, key: pairKey(j.a, j.b) }))
    .sort((x, y) => (x.key < y.key ? -1 : x.key > y.key ? 1 : 0))
    .map((x) => x.j);
  for (const j of positives) {
    const a = index.get(j.a);
    const b = index.get(j.b);
    if (a === undefined || b === undefined || judged.get(pairKey(j.a, j.b)) === false) continue;
    const ra = find(a);
    const rb = find(b);
    if (ra === rb) continue;
    const why = obstacle(ra, rb, false);
    if (why) conflicts.push({ a: j.a, b: j.b, reason: `accepted match not applied: ${why}` });
    else join(ra, rb);
  }
  // 2. The current entities (merged earlier, by an admin or a previous pass).
  if (opts.keepExisting ?? true) {
    const byEntity = new Map<string, number>();
    for (let i = 0; i < n; i++) {
      const first = byEntity.get(records[i]!.entityId);
      if (first === undefined) {
        byEntity.set(records[i]!.entityId, i);
        continue;
      }
      const ra = find(first);
      const rb = find(i);
      if (ra === rb) continue;
      const why = obstacle(ra, rb, false);
      if (why) conflicts.push({ a: records[first]!.id, b: records[i]!.id, reason: `entity ${records[i]!.entityId} split: ${why}` });
      else join(ra, rb);
    }
  }
  // 3. The scorer's merges, best first, so that a weaker link loses to a stronger one.
  const isMerge = (p: ScoredPair) => p.decision === 'merge' && p.score >= t.merge;
  const isForced = (p: ScoredPair) => p.evidence?.some((e) => e.feature === FORCED_REVIEW) ?? false;
  // NOTE: 'no' pairs (most of them) can neither join nor be reviewed: dropped before the sort.
  const keyed = pairs
    .filter((p) => p.decision !== 'no' && index.has(p.a) && index.has(p.b))
    .map((p) => ({ p, key: pairKey(p.a, p.b) }))
    .filter((x) => !judged.has(x.key))
    .sort((x, y) => y.p.score - x.p.score || (x.key < y.key ? -1 : x.key > y.key ? 1 : 0));
  const ordered = keyed.map((x) => x.p);
  const refused: ClusterPlan['refused'] = [];
  const appliedBy = new Map<string, ScoredPair>();
  const refusedNote = new Map<string, string>();
  for (const p of ordered) {
    if (!isMerge(p)) continue;
    const ra = find(index.get(p.a)!);
    const rb = find(index.get(p.b)!);
    if (ra === rb) continue;
    const why = obstacle(ra, rb, true);
    if (why) {
      refused.push({ a: p.a, b: p.b, score: p.score, reason: why });
      refusedNote.set(pairKey(p.a, p.b), `merge refused: ${why}`);
    } else {
      join(ra, rb);
      // The best applied pair touching each entity (pairs come best first): the why of its merge.
      for (const [x, y] of [[p.a, p.b], [p.b, p.a]] as const) {
        const ex = records[index.get(x)!]!.entityId;
        if (ex !== records[index.get(y)!]!.entityId && !appliedBy.has(ex)) appliedBy.set(ex, p);
      }
    }
  }

  // The review queue: what the scorer sent there, merges below this run's threshold, refused merges.
  const reviews: ReviewItem[] = [];
  for (const p of ordered) {
    if (find(index.get(p.a)!) === find(index.get(p.b)!)) continue;
    const note = refusedNote.get(pairKey(p.a, p.b));
    if (note || isForced(p) || p.score >= t.review) reviews.push(note ? { ...p, note } : p);
  }

  // Canonical entities. Each entity belongs to the cluster holding most of its records; a cluster's
  // canonical entity is the oldest it owns; the others it owns redirect to it.
  const roots = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    const r = find(i);
    const list = roots.get(r);
    if (list) list.push(i);
    else roots.set(r, [i]);
  }
  const countByEntity = new Map<string, Map<number, number>>();
  for (let i = 0; i < n; i++) {
    const e = records[i]!.entityId;
    const m = countByEntity.get(e) ?? new Map<number, number>();
    m.set(find(i), (m.get(find(i)) ?? 0) + 1);
    countByEntity.set(e, m);
  }
  const firstIdOf = new Map([...roots].map(([root, list]) => [root, list.map((i) => records[i]!.id).sort()[0]!]));
  const firstId = (root: number) => firstIdOf.get(root)!;
  const owned = new Map<number, string[]>();
  for (const [e, counts] of countByEntity) {
    const owner = [...counts].sort((x, y) => y[1] - x[1] || firstId(x[0]).localeCompare(firstId(y[0])))[0]![0];
    (owned.get(owner) ?? owned.set(owner, []).get(owner)!).push(e);
  }
  const rank = (e: string) => rankValue(opts.entityCreatedAt?.get(e));
  const clusters: PlannedCluster[] = [];
  const redirects: ClusterPlan['redirects'] = [];
  for (const [root, list] of roots) {
    const entities = (owned.get(root) ?? []).sort((x, y) => rank(x) - rank(y) || x.localeCompare(y));
    const canonical = entities[0] ?? null;
    const merged = entities.slice(1);
    if (canonical) for (const e of merged) redirects.push({ from: e, to: canonical });
    const mergedSet = new Set(merged);
    const moves = list
      .filter((i) => records[i]!.entityId !== canonical)
      .map((i) => ({ recordId: records[i]!.id, fromEntityId: records[i]!.entityId, via: mergedSet.has(records[i]!.entityId) ? ('redirect' as const) : ('move' as const) }))
      .sort((x, y) => x.recordId.localeCompare(y.recordId));
    clusters.push({
      canonicalEntityId: canonical,
      recordIds: list.map((i) => records[i]!.id).sort(),
      mergedEntityIds: merged,
      moves,
      changed: canonical === null || moves.length > 0,
    });
  }
  clusters.sort((x, y) => x.recordIds[0]!.localeCompare(y.recordIds[0]!));
  redirects.sort((x, y) => x.from.localeCompare(y.from));
  const merges = redirects.map((r) => {
    const pair = appliedBy.get(r.from);
    return pair ? { mergedId: r.from, survivorId: r.to, pair } : { mergedId: r.from, survivorId: r.to };
  });
  return { clusters, redirects, merges, reviews, refused, conflicts };
}
