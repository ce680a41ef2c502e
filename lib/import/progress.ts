// A terminal progress line: bar, bytes, records, rate and ETA (pure, unit-tested).
import type { ParseProgress } from './types';

const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;

export function formatProgress(p: ParseProgress, elapsedMs: number, width = 24): string {
  const share = p.bytesTotal > 0 ? Math.min(1, p.bytesRead / p.bytesTotal) : 0;
  const filled = Math.round(share * width);
  const seconds = Math.max(elapsedMs / 1000, 0.001);
  const rate = Math.round(p.records / seconds);
  const eta = share > 0 && share < 1 ? Math.round((seconds / share) * (1 - share)) : 0;
  return `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${Math.round(share * 100)}% ${mb(p.bytesRead)}/${mb(p.bytesTotal)} · ${p.records.toLocaleString('en')} records · ${rate.toLocaleString('en')} rec/s · ETA ${eta} s`;
}
