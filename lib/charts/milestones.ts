// Placing milestones on a binned time axis, honestly: a day- or month-precise milestone becomes a
// line in its bin; a period, or a date too coarse for the bins (a year-only milestone on a monthly
// chart), becomes a shaded band over every bin it may fall in — never a line on 1 January.
import { binKey, canPlace, type Granularity } from './binning';
import { endOfPartialDate, type DatePrecision } from '../dates';

export type MilestoneInput = {
  id: string;
  slug: string;
  /** The stable short code ("M07") drawn on markers and listed in legends, whatever the range. */
  code: string;
  date: string;
  datePrecision: DatePrecision;
  endDate: string | null;
  endDatePrecision: DatePrecision | null;
  title: string;
  category: string;
  sourceUrl: string;
};

export type PlacedMilestone = MilestoneInput & ({ kind: 'line'; bin: string } | { kind: 'band'; fromBin: string; toBin: string });

const asDate = (iso: string) => new Date(`${iso}T00:00:00Z`);

export function placeMilestones(milestones: MilestoneInput[], granularity: Granularity, bins: string[]): PlacedMilestone[] {
  if (!bins.length) return [];
  const first = bins[0] as string;
  const last = bins[bins.length - 1] as string;
  const out: PlacedMilestone[] = [];
  for (const m of milestones) {
    const start = binKey(asDate(m.date), granularity);
    const endDate = m.endDate ? endOfPartialDate(asDate(m.endDate), m.endDatePrecision ?? 'DAY') : endOfPartialDate(asDate(m.date), m.datePrecision);
    const end = binKey(endDate, granularity);
    if (end < first || start > last) continue;
    if (start === end && canPlace(m.datePrecision, granularity)) {
      out.push({ ...m, kind: 'line', bin: start });
    } else {
      out.push({ ...m, kind: 'band', fromBin: start < first ? first : start, toBin: end > last ? last : end });
    }
  }
  return out;
}

/** Milestones touching a bin (for the tooltip). */
export function milestonesInBin(placed: PlacedMilestone[], bin: string): PlacedMilestone[] {
  return placed.filter((m) => (m.kind === 'line' ? m.bin === bin : m.fromBin <= bin && bin <= m.toBin));
}
