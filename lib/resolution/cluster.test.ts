import { describe, expect, it } from 'vitest';
import { planClusters } from './cluster';
import { FORCED_REVIEW } from './score';
import { record } from './testing';
import type { ResolutionRecord, ScoredPair } from './types';

const rec = (id: string, document: string, entityId = `E-${id}`): ResolutionRecord => ({ ...record({ names: [id] }), id, entityId, document });
const merge = (a: string, b: string, score = 0.9): ScoredPair => ({ a, b, score, decision: 'merge' });
const review = (a: string, b: string, score = 0.6): ScoredPair => ({ a, b, score, decision: 'review' });
const clusterOf = (plan: ReturnType<typeof planClusters>, id: string) => plan.clusters.find((c) => c.recordIds.includes(id))!.recordIds;

describe('planClusters', () => {
  it('joins merge pairs transitively across documents, and keeps the oldest entity canonical', () => {
    const recs = [rec('ofac', 'ofac-sdn'), rec('eu', 'eu:32014R0269'), rec('uk', 'uk-list')];
    const created = new Map([
      ['E-ofac', '2022-03-01T00:00:00Z'],
      ['E-eu', '2021-01-01T00:00:00Z'],
      ['E-uk', '2023-01-01T00:00:00Z'],
    ]);
    const plan = planClusters(recs, [merge('ofac', 'eu'), merge('eu', 'uk', 0.85)], [], { entityCreatedAt: created });
    expect(plan.clusters).toHaveLength(1);
    expect(plan.clusters[0]).toMatchObject({ canonicalEntityId: 'E-eu', recordIds: ['eu', 'ofac', 'uk'], mergedEntityIds: ['E-ofac', 'E-uk'], changed: true });
    expect(plan.redirects).toEqual([
      { from: 'E-ofac', to: 'E-eu' },
      { from: 'E-uk', to: 'E-eu' },
    ]);
    expect(plan.merges.map((m) => [m.mergedId, m.survivorId, m.pair?.a, m.pair?.b])).toEqual([
      ['E-ofac', 'E-eu', 'ofac', 'eu'],
      ['E-uk', 'E-eu', 'eu', 'uk'],
    ]);
    expect(plan.clusters[0]!.moves).toEqual([
      { recordId: 'ofac', fromEntityId: 'E-ofac', via: 'redirect' },
      { recordId: 'uk', fromEntityId: 'E-uk', via: 'redirect' },
    ]);
  });

  it('never joins two records of one document, not even through a third, and sends the refused link to review', () => {
    // OFAC lists two namesakes; the EU entry matches both: one of the links is wrong.
    const recs = [rec('ofac-1', 'ofac-sdn'), rec('ofac-2', 'ofac-sdn'), rec('eu', 'eu:32012R0267')];
    const plan = planClusters(recs, [merge('ofac-1', 'eu', 0.95), merge('ofac-2', 'eu', 0.9)], []);
    expect(clusterOf(plan, 'eu')).toEqual(['eu', 'ofac-1']);
    expect(clusterOf(plan, 'ofac-2')).toEqual(['ofac-2']);
    expect(plan.refused).toEqual([{ a: 'ofac-2', b: 'eu', score: 0.9, reason: 'would put two records of ofac-sdn in one cluster' }]);
    expect(plan.reviews.map((r) => [r.a, r.b, r.note])).toEqual([['ofac-2', 'eu', 'merge refused: would put two records of ofac-sdn in one cluster']]);
  });

  it('joins two records of one document when an admin said they are one', () => {
    const recs = [rec('ofac-1', 'ofac-sdn'), rec('ofac-2', 'ofac-sdn'), rec('eu', 'eu:32012R0267')];
    const plan = planClusters(recs, [merge('ofac-1', 'eu'), merge('ofac-2', 'eu')], [{ a: 'ofac-1', b: 'ofac-2', same: true }]);
    expect(clusterOf(plan, 'eu')).toEqual(['eu', 'ofac-1', 'ofac-2']);
    expect(plan.refused).toEqual([]);
  });

  it('respects a split (negative judgement) transitively: A≠C, A–B and B–C merge pairs leave C out', () => {
    const recs = [rec('a', 'ofac-sdn'), rec('b', 'eu:32014R0269'), rec('c', 'uk-list')];
    const plan = planClusters(recs, [merge('a', 'b', 0.95), merge('b', 'c', 0.9), merge('a', 'c', 0.99)], [{ a: 'c', b: 'a', same: false }]);
    expect(clusterOf(plan, 'a')).toEqual(['a', 'b']);
    expect(clusterOf(plan, 'c')).toEqual(['c']);
    // The judged pair is neither merged nor proposed again; the refused link is proposed.
    expect(plan.reviews.map((r) => `${r.a}-${r.b}`)).toEqual(['b-c']);
  });

  it('lets a rejection win over an acceptance that would contradict it, and reports the conflict', () => {
    const recs = [rec('a', 'ofac-sdn'), rec('b', 'eu:32014R0269'), rec('c', 'uk-list')];
    const plan = planClusters(recs, [], [
      { a: 'a', b: 'b', same: true },
      { a: 'b', b: 'c', same: true },
      { a: 'a', b: 'c', same: false },
    ]);
    expect(clusterOf(plan, 'a')).toEqual(['a', 'b']);
    expect(clusterOf(plan, 'c')).toEqual(['c']);
    expect(plan.conflicts).toHaveLength(1);
  });

  it('keeps the current entities together and only joins; a split entity keeps its id for the larger part', () => {
    const recs = [rec('a', 'ofac-sdn', 'E1'), rec('b', 'eu:32014R0269', 'E1'), rec('c', 'uk-list', 'E1'), rec('d', 'un-sc', 'E2')];
    const plan = planClusters(recs, [merge('c', 'd')], [
      { a: 'a', b: 'c', same: false },
      { a: 'b', b: 'c', same: false },
    ]);
    expect(clusterOf(plan, 'a')).toEqual(['a', 'b']);
    expect(clusterOf(plan, 'c')).toEqual(['c', 'd']);
    const ab = plan.clusters.find((c) => c.recordIds.includes('a'))!;
    const cd = plan.clusters.find((c) => c.recordIds.includes('c'))!;
    expect(ab).toMatchObject({ canonicalEntityId: 'E1', changed: false });
    expect(cd).toMatchObject({ canonicalEntityId: 'E2', moves: [{ recordId: 'c', fromEntityId: 'E1', via: 'move' }] });
    expect(plan.redirects).toEqual([]);
  });

  it('ranks the review queue by score, without pairs already in one cluster or judged', () => {
    const recs = [rec('a', 'ofac-sdn'), rec('b', 'eu:32014R0269'), rec('c', 'uk-list'), rec('d', 'un-sc'), rec('e', 'opensanctions:x')];
    const plan = planClusters(
      recs,
      [merge('a', 'b'), review('a', 'c', 0.55), review('b', 'c', 0.7), review('a', 'b', 0.6), review('d', 'e', 0.65), review('c', 'd', 0.5)],
      [{ a: 'c', b: 'd', same: false }],
    );
    expect(plan.reviews.map((r) => `${r.a}-${r.b}`)).toEqual(['b-c', 'd-e', 'a-c']);
  });

  it('applies its own thresholds: a stricter merge threshold sends weaker merges to review', () => {
    const recs = [rec('a', 'ofac-sdn'), rec('b', 'eu:32014R0269')];
    const plan = planClusters(recs, [merge('a', 'b', 0.82)], [], { thresholds: { merge: 0.9, review: 0.5 } });
    expect(plan.clusters).toHaveLength(2);
    expect(plan.reviews.map((r) => r.score)).toEqual([0.82]);
    // A pair the scorer sent to review whatever its score (a shared identifier, names disagreeing) stays.
    const forced: ScoredPair = { a: 'a', b: 'b', score: 0.3, decision: 'review', evidence: [{ feature: FORCED_REVIEW, weight: 0, detail: 'x' }] };
    expect(planClusters(recs, [forced], [], { thresholds: { merge: 0.8, review: 0.6 } }).reviews).toHaveLength(1);
  });

  it('is deterministic whatever the order of its input', () => {
    const recs = [rec('a', 'd1'), rec('b', 'd2'), rec('c', 'd3'), rec('d', 'd1')];
    const pairs = [merge('a', 'b', 0.9), merge('c', 'd', 0.9), merge('b', 'c', 0.9), merge('b', 'd', 0.9)];
    const one = planClusters(recs, pairs, []);
    const two = planClusters([...recs].reverse(), [...pairs].reverse(), []);
    expect(two.clusters).toEqual(one.clusters);
    expect(two.refused).toEqual(one.refused);
  });
});
