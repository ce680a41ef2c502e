// Diplomatic and political milestones (data/milestones.json), with the article's own words, and the
// sanctions-system milestones we curated from official sources (data/milestones-sanctions.json).
import type { PrismaClient } from '../../lib/db/generated/client';
import { parsePartialDate } from '../../lib/dates';
import { readJson } from './files';

type MilestoneFile = {
  source?: string;
  milestones: Array<{ id: string; date: string; endDate?: string | null; title: string; category: string; articleSays?: string; sourceSays?: string; note?: string; sourceUrl?: string }>;
};

const CATEGORIES = ['DIPLOMATIC', 'NUCLEAR', 'MILITARY', 'SANCTIONS', 'DOMESTIC', 'POLITICAL'] as const;

export function readMilestones() {
  return [...readFile('milestones.json'), ...readFile('milestones-sanctions.json')];
}

function readFile(name: string) {
  const file = readJson<MilestoneFile>(name);
  return file.milestones.map((m) => {
    const sourceUrl = m.sourceUrl ?? file.source;
    if (!sourceUrl) throw new Error(`${name}: "${m.id}" has no source`);
    const date = parsePartialDate(m.date);
    const end = m.endDate ? parsePartialDate(m.endDate) : null;
    const category = CATEGORIES.find((c) => c === m.category.toUpperCase());
    if (!date || !category || (m.endDate && !end)) throw new Error(`${name}: bad date or category in "${m.id}"`);
    return {
      slug: m.id,
      date: date.date,
      datePrecision: date.precision,
      endDate: end?.date ?? null,
      endDatePrecision: end?.precision ?? null,
      title: m.title,
      category,
      quote: m.articleSays ?? m.sourceSays ?? null,
      note: m.note ?? null,
      sourceUrl,
    };
  });
}

/** Creates missing milestones; existing ones are left as admins may have edited them. */
export async function seedMilestones(db: PrismaClient) {
  const rows = readMilestones();
  // Only the missing ones, in date order: a new row draws its stable code ("M07") from a sequence,
  // and an insert that conflicts would still draw one (a gap), so nothing existing is re-inserted.
  const existing = new Set((await db.milestone.findMany({ select: { slug: true } })).map((m) => m.slug));
  const missing = rows.filter((r) => !existing.has(r.slug)).sort((a, b) => a.date.getTime() - b.date.getTime() || (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0));
  let created = 0;
  // One by one: the order of a multi-row insert's defaults is not something to rely on.
  for (const row of missing) created += (await db.milestone.createMany({ data: [row], skipDuplicates: true })).count;
  return { dataset: 'milestones', created, unchanged: rows.length - created };
}
