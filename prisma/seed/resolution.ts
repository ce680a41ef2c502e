// The seed's last step: cross-list resolution over every list's records (lib/db/resolution), once,
// rather than after each list. Skipped when nothing it reads changed since its last run (the same
// records, values and decisions: a fingerprint kept in its audit event), so a restart costs a query.
import type { PrismaClient } from '../../lib/db/generated/client';
import { systemActor } from '../../lib/db/audit';
import { resolveEntities } from '../../lib/db/resolution/resolve';
import type { SeedReport } from './util';

export async function seedResolution(db: PrismaClient): Promise<SeedReport> {
  const fingerprint = async () => {
    const [f] = await db.$queryRaw<Array<{ f: string }>>`
      SELECT concat_ws('/', (SELECT count(*) FROM external_id), (SELECT max(updated_at) FROM external_id), (SELECT count(*) FROM entity WHERE merged_into_id IS NULL AND deleted_at IS NULL),
        (SELECT count(*) FROM resolution_judgement), (SELECT max(decided_at) FROM resolution_judgement)) AS f`;
    return f!.f;
  };
  const before = await fingerprint();
  const last = await db.auditEvent.findFirst({ where: { action: 'resolution.run' }, orderBy: { id: 'desc' }, select: { meta: true } });
  if ((last?.meta as { fingerprint?: string } | null)?.fingerprint === before) return { dataset: 'resolution', skipped: 'nothing changed since the last run' };
  const actor = systemActor('system:seed');
  const summary = await db.$transaction((tx) => resolveEntities(tx, { actor }), { timeout: 900_000, maxWait: 60_000 });
  const { timings, ...counts } = summary;
  await db.auditEvent.create({ data: { actorLabel: actor.label, action: 'resolution.run', targetType: 'Dataset', targetId: 'resolution', meta: { ...counts, timings, fingerprint: await fingerprint() } } });
  return { dataset: 'resolution', ...counts, ms: Object.values(timings).reduce((a, b) => a + b, 0) };
}
