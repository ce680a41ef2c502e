// Diplomatic and political milestones (data/milestones.json), with the article's own words.
import type { PrismaClient } from '../../lib/db/generated/client';
import { parsePartialDate } from '../../lib/dates';
import { readJson } from './files';

type MilestoneFile = {
  source: string;
  milestones: Array<{ id: string; date: string; endDate?: string | null; title: string; category: string; articleSays?: string; note?: string }>;
};

const CATEGORIES = ['DIPLOMATIC', 'NUCLEAR', 'MILITARY', 'SANCTIONS', 'DOMESTIC', 'POLITICAL'] as const;

export function readMilestones() {
  const file = readJson<MilestoneFile>('milestones.json');
  return file.milestones.map((m) => {
    const date = parsePartialDate(m.date);
    const end = m.endDate ? parsePartialDate(m.endDate) : null;
    const category = CATEGORIES.find((c) => c === m.category.toUpperCase());
    if (!date || !category || (m.endDate && !end)) throw new Error(`milestones.json: bad date or category in "${m.id}"`);
    return {
      slug: m.id,
      date: date.date,
      datePrecision: date.precision,
      endDate: end?.date ?? null,
      endDatePrecision: end?.precision ?? null,
      title: m.title,
      category,
      quote: m.articleSays ?? null,
      note: m.note ?? null,
      sourceUrl: file.source,
    };
  });
}

/** Creates missing milestones; existing ones are left as admins may have edited them. */
export async function seedMilestones(db: PrismaClient) {
  const rows = readMilestones();
  const result = await db.milestone.createMany({ data: rows, skipDuplicates: true });
  return { dataset: 'milestones', created: result.count, unchanged: rows.length - result.count };
}
