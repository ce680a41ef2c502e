// One entity's designations as listed → lifted bars, one row per designation (pure; unit-tested).
import type { DatePrecision } from '../dates';

export type TimelineDesignation = {
  id: string;
  authorityId: string;
  authorityLabel: string;
  programs: string[];
  listingDate: string | null;
  listingDatePrecision: DatePrecision | null;
  listingDateQualifier: 'EXACT' | 'ON_OR_BEFORE';
  endDate: string | null;
};

export type EntityTimelineRow = {
  id: string;
  label: string;
  authorityId: string;
  /** [listed, lifted or today] in ms since the epoch (recharts draws an array value as a range bar). */
  range: [number, number];
  isLifted: boolean;
  isOnOrBefore: boolean;
};

const ms = (iso: string) => Date.parse(`${iso}T00:00:00Z`);

/** Rows for the designations that have a listing date, oldest first; still-active ones run to `today`. */
export function buildEntityTimeline(designations: TimelineDesignation[], today: string): { rows: EntityTimelineRow[]; undated: number; domain: [number, number] | null } {
  const dated = designations.filter((d) => d.listingDate).sort((a, b) => a.listingDate!.localeCompare(b.listingDate!) || a.authorityId.localeCompare(b.authorityId));
  const rows = dated.map((d) => {
    const start = ms(d.listingDate!);
    const end = d.endDate ? ms(d.endDate) : ms(today);
    return {
      id: d.id,
      label: `${d.authorityLabel}${d.programs.length ? ` · ${d.programs.join(', ')}` : ''}`,
      authorityId: d.authorityId,
      range: [start, Math.max(start, end)] as [number, number],
      isLifted: d.endDate !== null,
      isOnOrBefore: d.listingDateQualifier === 'ON_OR_BEFORE',
    };
  });
  const domain: [number, number] | null = rows.length ? [Math.min(...rows.map((r) => r.range[0])), Math.max(...rows.map((r) => r.range[1]))] : null;
  return { rows, undated: designations.length - dated.length, domain };
}

/** An entity's designations as lib/db/entities.ts#getEntity returns them → the timeline's input (the page and the export share it). */
export function toTimelineDesignations(
  designations: Array<{
    id: string;
    authority: { id: string; shortName: string };
    /** label: the program's title label (lib/programs/registry.ts), shown instead of the code when given. */
    programs: Array<{ program: { code: string }; label?: string }>;
    listingDate: string | null;
    listingDatePrecision: DatePrecision | null;
    listingDateQualifier: 'EXACT' | 'ON_OR_BEFORE';
    endDate: string | null;
    sourceUrl: string | null;
  }>,
): Array<TimelineDesignation & { sourceUrl: string | null }> {
  return designations.map((d) => ({
    id: d.id,
    authorityId: d.authority.id,
    authorityLabel: d.authority.shortName,
    programs: d.programs.map((p) => p.label ?? p.program.code),
    listingDate: d.listingDate,
    listingDatePrecision: d.listingDatePrecision,
    listingDateQualifier: d.listingDateQualifier,
    endDate: d.endDate,
    sourceUrl: d.sourceUrl,
  }));
}
