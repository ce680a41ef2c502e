import 'server-only';
import { prisma } from './client';
import { isoDay } from '../dates';
import { authorize } from '../auth/verified';
import type { Principal } from '../auth/permissions';

export type MilestoneDto = {
  id: string;
  slug: string;
  /** The stable short code ("M07"), the same on every page, range and export (issue 26). */
  code: string;
  date: string;
  datePrecision: 'YEAR' | 'MONTH' | 'DAY';
  endDate: string | null;
  endDatePrecision: 'YEAR' | 'MONTH' | 'DAY' | null;
  title: string;
  category: string;
  description: string | null;
  quote: string | null;
  note: string | null;
  sourceUrl: string;
};

/** Milestones (not deleted), oldest first, as plain JSON-safe objects for charts. */
export async function listMilestones(viewer: Principal, range?: { from?: Date; to?: Date }): Promise<MilestoneDto[]> {
  authorize(viewer, 'data:read');
  const rows = await prisma.milestone.findMany({
    where: {
      deletedAt: null,
      ...(range?.to ? { date: { lte: range.to } } : {}),
      ...(range?.from ? { OR: [{ endDate: { gte: range.from } }, { endDate: null, date: { gte: range.from } }, { endDate: null, datePrecision: { not: 'DAY' }, date: { gte: new Date(Date.UTC(range.from.getUTCFullYear(), 0, 1)) } }] } : {}),
    },
    orderBy: [{ date: 'asc' }, { code: 'asc' }],
  });
  return rows.map((m) => ({
    id: m.id,
    slug: m.slug,
    code: m.code,
    date: isoDay(m.date),
    datePrecision: m.datePrecision,
    endDate: m.endDate ? isoDay(m.endDate) : null,
    endDatePrecision: m.endDatePrecision,
    title: m.title,
    category: m.category,
    description: m.description,
    quote: m.quote,
    note: m.note,
    sourceUrl: m.sourceUrl,
  }));
}
