// Cross-authority lag: pure helpers, unit-tested (lag.test.ts). SQL (lib/db/analysis/lag.ts) finds each
// entity's earliest listing per authority and the days each follower took; these bin and summarise.

/** Lag buckets in days, inclusive bounds; the last is open-ended. Log-like: days matter early, months later. */
export const LAG_BUCKETS = [
  { key: 'same-day', label: 'Same day', min: 0, max: 0 },
  { key: '1-7', label: '1–7 days', min: 1, max: 7 },
  { key: '8-30', label: '8–30 days', min: 8, max: 30 },
  { key: '31-90', label: '1–3 months', min: 31, max: 90 },
  { key: '91-180', label: '3–6 months', min: 91, max: 180 },
  { key: '181-365', label: '6–12 months', min: 181, max: 365 },
  { key: '366-730', label: '1–2 years', min: 366, max: 730 },
  { key: '731+', label: 'Over 2 years', min: 731, max: Number.POSITIVE_INFINITY },
] as const;

export type LagBucketKey = (typeof LAG_BUCKETS)[number]['key'];

export function lagBucket(days: number): LagBucketKey {
  if (!Number.isFinite(days) || days < 0) throw new RangeError(`A lag is a whole number of days ≥ 0, got ${days}`);
  return LAG_BUCKETS.find((b) => days >= b.min && days <= b.max)?.key ?? '731+';
}

/** SQL returns lags grouped: `count` entities took `days` days (1 when absent). */
export type LagSample = { follower: string; days: number; count?: number };
export type LagHistogramRow = { bucket: LagBucketKey; label: string } & Record<string, number | string>;

/** Counts per bucket and follower authority, every bucket present (zeros included) and in order. */
export function lagHistogram(samples: LagSample[], followers: string[]): LagHistogramRow[] {
  const rows = LAG_BUCKETS.map((b) => {
    const row: LagHistogramRow = { bucket: b.key, label: b.label };
    for (const f of followers) row[f] = 0;
    return row;
  });
  for (const s of samples) {
    const row = rows.find((r) => r.bucket === lagBucket(s.days));
    if (row) row[s.follower] = Number(row[s.follower] ?? 0) + (s.count ?? 1);
  }
  return rows;
}

/** '0 days', '1 day', '45 days', '400 days (1 y 35 d)' — in days, with years spelled out past a year. */
export function formatLag(days: number): string {
  const base = `${days} ${days === 1 ? 'day' : 'days'}`;
  return days < 366 ? base : `${base} (${Math.floor(days / 365)} y ${days % 365} d)`;
}
