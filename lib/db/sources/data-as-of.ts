import 'server-only';
// "Data as of" (issue 26): per list, the latest edition applied (the edition registry, list_edition)
// and when; and the latest hand edit of the data (the audit trail). Stamped on pages, exports, the
// read API, and stored with a frozen saved view.
import { prisma } from '../client';
import { authorize } from '../../auth/verified';
import type { Principal } from '../../auth/permissions';
import { toDataAsOf, type DataAsOf } from '../../sources/data-as-of';

/**
 * The audit targets that are the data (what charts and pages count), not accounts: a user's change
 * to one of these moves the numbers without a new edition. Seeds and imports act as system actors
 * (actor_id null), and their editions are in the registry already.
 */
export const DATA_AUDIT_TARGETS = [
  'Authority', 'Designation', 'Entity', 'MatchCandidate', 'Milestone', 'ProgramParticipant', 'Relationship', 'SanctionsCase', 'SanctionsProgram', 'SupplyLink', 'WeaponsProgram',
] as const;

export async function getDataAsOf(viewer: Principal): Promise<DataAsOf> {
  authorize(viewer, 'data:read');
  const [editions, [edited]] = await Promise.all([
    // The registry holds a row per applied edition per scope: a few hundred rows at most.
    prisma.$queryRaw<Array<{ scope: string; editionDate: string; appliedAt: Date }>>`
      SELECT DISTINCT ON (scope) scope, edition_date::text AS "editionDate", created_at AS "appliedAt"
      FROM list_edition ORDER BY scope, edition_date DESC, created_at DESC`,
    prisma.$queryRaw<Array<{ at: Date | null }>>`
      SELECT max(at) AS at FROM audit_event WHERE actor_id IS NOT NULL AND target_type = ANY (${[...DATA_AUDIT_TARGETS]}::text[])`,
  ]);
  return toDataAsOf(
    editions.map((e) => ({ scope: e.scope, editionDate: e.editionDate, appliedAt: e.appliedAt.toISOString() })),
    edited?.at ? edited.at.toISOString() : null,
  );
}
