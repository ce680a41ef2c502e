// Sanctions actions (issue 25, ADR 0015): the drone case's 24 curated actions (data/drone-case/
// drone-case.json: title, date, sources, uncertain flag) with the designations they published, then
// every other listing of an exact day grouped per authority and day (lib/db/sanctions-actions).
// Idempotent; runs last, after every list is loaded and resolved. An admin's changes to a curated
// action are not overwritten: only actions still as the seed wrote them (never updated since) change.
import type { PrismaClient } from '../../lib/db/generated/client';
import { groupActions } from '../../lib/db/sanctions-actions/grouping';
import type { DroneCase } from './drone-case';
import { EU_ORIGIN, UK_ORIGIN } from './drone-case';
import { readJson } from './files';
import { OFAC_ORIGIN } from './ofac-history';
import type { SeedReport } from './util';

const ORIGIN = { ofac: OFAC_ORIGIN, eu: EU_ORIGIN, uk: UK_ORIGIN } as const;

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
      };
    },
    { timeout: 600_000, maxWait: 60_000 },
  );
}
