// Sanctions actions (issue 25, ADR 0015): the drone case's 24 curated actions (data/drone-case/
// drone-case.json: title, date, sources, uncertain flag) with the designations they published, then
// every other listing of an exact day grouped per authority and day (lib/db/sanctions-actions).
// Idempotent; runs last, after every list is loaded and resolved. An admin's changes to a curated
// action are not overwritten: only actions still as the seed wrote them (never updated since) change.
import type { Prisma, PrismaClient } from '../../lib/db/generated/client';
import { groupActions } from '../../lib/db/sanctions-actions/grouping';
import type { DroneCase } from './drone-case';
import { EU_ORIGIN, UK_ORIGIN } from './drone-case';
import { readJson } from './files';
import { OFAC_ORIGIN } from './ofac-history';
import type { SeedReport } from './util';

const ORIGIN = { ofac: OFAC_ORIGIN, eu: EU_ORIGIN, uk: UK_ORIGIN } as const;

export const DRONE_CASE_SLUG = 'iran-drones';

/**
 * The Iran-drone case (issue 26, ADR 0017): the curated actions as one case. Created once; an
 * admin's edits to it (title, description, actions removed) are never undone by a later seed —
 * only a curated action new to the data file is added, while the case is still the seed's own.
 */
async function seedDroneCaseCase(tx: Prisma.TransactionClient, actionIds: string[]): Promise<{ created: number; linked: number }> {
  let row = await tx.sanctionsCase.findUnique({ where: { slug: DRONE_CASE_SLUG } });
  let created = 0;
  if (!row) {
    row = await tx.sanctionsCase.create({
      data: {
        slug: DRONE_CASE_SLUG,
        title: 'Iran drones 2022–23',
        description:
          'Designations published by the 24 US, EU and UK sanctions actions of 2022–23 against Iran\'s armed-drone programs (Shahed-136/131, Mohajer-6), their component suppliers and the Russian end users, as curated from the actions\' own announcements (data/drone-case/ACTIONS.md). Only the listings each action names are counted, not everything its authority listed that day.',
        origin: 'seed:drone-case',
      },
    });
    created = 1;
  }
  if (row.origin !== 'seed:drone-case' || row.version !== 1) return { created, linked: 0 };
  const linked = await tx.caseAction.createMany({ data: actionIds.map((actionId) => ({ caseId: row.id, actionId })), skipDuplicates: true });
  return { created, linked: linked.count };
}

export async function seedActions(db: PrismaClient): Promise<SeedReport> {
  const file = readJson<DroneCase>('drone-case', 'drone-case.json');
  return db.$transaction(
    async (tx) => {
      let curated = 0;
      let linked = 0;
      const unmatched: string[] = [];
      for (const a of file.actions) {
        const data = {
          authorityId: a.authority,
          actionDate: new Date(`${a.date}T00:00:00Z`),
          kind: 'CURATED' as const,
          title: a.title,
          sourceUrls: a.sourceUrls,
          legalAct: a.legalAct ?? null,
          isUncertain: a.uncertain,
          note: a.note ?? null,
        };
        const existing = await tx.sanctionsAction.findUnique({ where: { id: a.id } });
        if (!existing) {
          await tx.sanctionsAction.create({ data: { id: a.id, ...data } });
          curated++;
        }
        // The designations it published, under the keys the seed and importers give them (a program
        // added to a listed OFAC entry is its own designation, keyed entry@day).
        const keys = a.designations.map((d) => ({ origin: ORIGIN[d.list], originKey: d.list === 'ofac' && d.kind === 'program added' ? `${d.listRef}@${d.listedOn}` : d.listRef }));
        const rows = await tx.designation.findMany({ where: { OR: keys }, select: { id: true, origin: true, originKey: true, actionId: true } });
        const found = new Set(rows.map((r) => `${r.origin}|${r.originKey}`));
        for (const k of keys) if (!found.has(`${k.origin}|${k.originKey}`)) unmatched.push(`${a.id}:${k.originKey}`);
        const move = rows.filter((r) => r.actionId !== a.id).map((r) => r.id);
        if (move.length) linked += (await tx.designation.updateMany({ where: { id: { in: move } }, data: { actionId: a.id } })).count;
      }
      const cases = await seedDroneCaseCase(tx, file.actions.map((a) => a.id));
      const grouped = await groupActions(tx);
      return {
        dataset: 'actions',
        curatedCreated: curated,
        curatedDesignationsLinked: linked,
        // Counted, never silently dropped: a curated designation the lists held do not have.
        curatedDesignationsNotFound: unmatched.length,
        groupedActionsWritten: grouped.actions,
        designationsGrouped: grouped.assigned,
        designationsReleased: grouped.released,
        groupedActionsRemoved: grouped.removed,
        caseCreated: cases.created,
        caseActionsLinked: cases.linked,
      };
    },
    { timeout: 600_000, maxWait: 60_000 },
  );
}
