// npx tsx scripts/bench-event-study.ts
// Times the event study (lib/event-study) at the scale of the milestones page: 16 milestones × 4
// authorities × 1,000 placebos, each on a synthetic 3,000-day series. Pure computation: no database.
import { addDays, eventStudy, milestoneWindows, type DailySeries } from '../lib/event-study';
import { prng } from '../lib/random';

const DAYS = 3000;
const START = '2017-01-01';
const AUTHORITIES = 4;
const MILESTONES = 16;
const PLACEBOS = 1000;

const random = prng(2026);
// Bursty counts, as listings come: mostly quiet days, now and then a mass listing.
const series: DailySeries[] = Array.from({ length: AUTHORITIES }, () => ({
  start: START,
  counts: Array.from({ length: DAYS }, () => (random() < 0.9 ? 0 : Math.floor(random() ** 3 * 60))),
}));
const coverage = { from: START, to: addDays(START, DAYS - 1) };
const windows = Array.from({ length: MILESTONES }, (_, i) => milestoneWindows({ date: addDays(START, 800 + i * 100), precision: i % 2 ? 'MONTH' : 'DAY' }, 90)!);

function run(): { ms: number; ok: number } {
  const t0 = performance.now();
  let ok = 0;
  for (const [a, s] of series.entries()) {
    for (const [m, w] of windows.entries()) {
      const r = eventStudy(s, coverage, w, { windowDays: 90, baseline: m % 2 ? 'mean' : 'trend', placebos: PLACEBOS, seed: a * 100 + m, alpha: 0.05 });
      if (r.status === 'ok') ok++;
    }
  }
  return { ms: performance.now() - t0, ok };
}

const studies = AUTHORITIES * MILESTONES;
for (const pass of ['cold', 'warm', 'warm']) {
  const { ms, ok } = run();
  console.log(`${pass}: ${studies} studies (${ok} ok) × ${PLACEBOS} placebos on ${DAYS} days: ${ms.toFixed(1)} ms, ${(ms / studies).toFixed(3)} ms a study`);
}
