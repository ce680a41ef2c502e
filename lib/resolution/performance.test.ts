import { describe, expect, it } from 'vitest';
import { blockPairs } from './blocking';
import { planClusters } from './cluster';
import { scorePairs } from './score';
import { syntheticCorpus } from './testing';

// The real lists hold ~30,000 records together (OFAC SDN + consolidated, EU, UK, UN, OpenSanctions'
// sanctioned set): the full pass must stay within seconds, the incremental one within a blink.
describe('30,000 records', () => {
  it('block, score and cluster in a few seconds, finding the generated duplicates', () => {
    const { records, truth } = syntheticCorpus(30_000, 42);
    // NOTE: CPU time as well as wall time: the assertion must not fail because other work shares the machine.
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const pairs = blockPairs(records);
    const t1 = performance.now();
    const scored = scorePairs(records, pairs);
    const t2 = performance.now();
    const cpu = process.cpuUsage(cpu0);
    const cpuMs = (cpu.user + cpu.system) / 1000;
    const plan = planClusters(records, scored, []);
    const t3 = performance.now();
    const subset = new Set(records.slice(0, 300).map((r) => r.id));
    const inc = blockPairs(records, { subset });
    const t4 = performance.now();

    const bySynthetic = new Map<number, number>();
    for (const t of truth) bySynthetic.set(t, (bySynthetic.get(t) ?? 0) + 1);
    const duplicates = [...bySynthetic.values()].reduce((s, c) => s + (c * (c - 1)) / 2, 0);
    const found = pairs.filter(([i, j]) => truth[i] === truth[j]).length;
    let merged = 0;
    let wrong = 0;
    scored.forEach((s, k) => {
      if (s.decision !== 'merge') return;
      merged++;
      if (truth[pairs[k]![0]] !== truth[pairs[k]![1]]) wrong++;
    });
    console.info(
      `30k synthetic records: blocking ${(t1 - t0).toFixed(0)} ms (${pairs.length} pairs), scoring ${(t2 - t1).toFixed(0)} ms (both: ${cpuMs.toFixed(0)} ms CPU), ` +
        `clustering ${(t3 - t2).toFixed(0)} ms (${plan.merges.length} merges, ${plan.reviews.length} reviews), incremental blocking of 300 ${(t4 - t3).toFixed(0)} ms (${inc.length} pairs); ` +
        `blocking recall ${((100 * found) / duplicates).toFixed(1)}%, merge precision ${((100 * (merged - wrong)) / merged).toFixed(1)}%`,
    );
    expect(cpuMs).toBeLessThan(8_000);
    expect(found / duplicates).toBeGreaterThan(0.95);
    expect(wrong / merged).toBeLessThan(0.02);
    expect(inc.length).toBeLessThan(pairs.length / 20);
  }, 30_000);
});
