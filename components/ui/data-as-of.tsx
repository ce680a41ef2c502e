import type { DataAsOf } from '@/lib/sources/data-as-of';

/**
 * "Data as of: OFAC SDN 2024-05-03 · EU …": which list editions the numbers on the page come from.
 * Printed too, so a printed page or a screenshot says what it reports on.
 */
export function DataAsOfLine({ asOf, frozenAt }: { asOf: DataAsOf; frozenAt?: string | null }) {
  const applied = asOf.lists.map((l) => `${l.label}: edition of ${l.editionDate}, applied ${l.appliedAt.slice(0, 16).replace('T', ' ')} UTC (${l.scopes.join(', ')})`).join('\n');
  return (
    <p className="small muted data-as-of" data-testid="data-as-of" title={applied || undefined}>
      {frozenAt ? <>Frozen on {frozenAt.slice(0, 10)}; </> : null}
      {asOf.label}
    </p>
  );
}
