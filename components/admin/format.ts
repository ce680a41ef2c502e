// How audit values and conflict changes read on the admin pages.
export function formatValue(v: unknown): string {
  if (v === null || v === undefined || v === '') return '—';
  if (Array.isArray(v)) return v.length ? v.map((x) => formatValue(x)).join('; ') : '—';
  if (typeof v === 'object') return JSON.stringify(v);
  const s = String(v);
  return s.length > 200 ? `${s.slice(0, 199)}…` : s;
}
