// Real values for the dynamic segments of app/ routes, from this run's database, so that the
// access and CSP specs can visit every route. A new dynamic route needs an entry in fillRoute().
import { randomUUID } from 'node:crypto';
import { withDb } from './sessions';

export type RouteFixtures = { entityId: string; milestoneId: string; programSlug: string; viewId: string; importRunId: string };

/** Reads ids of seeded records and creates a shared saved view owned by `ownerId`. */
export async function loadRouteFixtures(ownerId: string): Promise<RouteFixtures> {
  return withDb(async (c) => {
    const entityId = (await c.query<{ id: string }>('SELECT id FROM entity WHERE merged_into_id IS NULL AND deleted_at IS NULL ORDER BY name LIMIT 1')).rows[0]!.id;
    const milestoneId = (await c.query<{ id: string }>('SELECT id FROM milestone WHERE deleted_at IS NULL ORDER BY date LIMIT 1')).rows[0]!.id;
    const programSlug = (await c.query<{ slug: string }>('SELECT slug FROM weapons_program WHERE deleted_at IS NULL ORDER BY slug LIMIT 1')).rows[0]!.slug;
    // The seed imports the official lists through the importer, so there is always a run.
    const importRunId = (await c.query<{ id: string }>('SELECT id FROM import_run ORDER BY started_at LIMIT 1')).rows[0]!.id;
    const viewId = randomUUID();
    await c.query(`INSERT INTO saved_view (id, owner_id, name, path, query, is_shared, updated_at) VALUES ($1, $2, $3, '/', 'granularity=year', true, now())`, [viewId, ownerId, `Fixture view ${viewId.slice(0, 8)}`]);
    return { entityId, milestoneId, programSlug, viewId, importRunId };
  });
}

/** A real URL for a route pattern of app/ (as in lib/auth/access-rules.ts). */
export function fillRoute(pattern: string, fx: RouteFixtures): string {
  // Routes that answer nothing without a query: the probe asks a real question.
  const withQuery: Record<string, string> = { '/api/v1/search': '/api/v1/search?q=shahed' };
  if (withQuery[pattern]) return withQuery[pattern];
  if (!pattern.includes('[')) return pattern;
  const byPattern: Record<string, string> = {
    '/entities/[id]': `/entities/${fx.entityId}`,
    // A curated action of the drone case (data/drone-case): its id is stable.
    '/actions/[id]': '/actions/us-2022-11-15',
    '/cases/[slug]': '/cases/iran-drones',
    '/programs/[slug]': `/programs/${fx.programSlug}`,
    '/views/[id]': `/views/${fx.viewId}`,
    '/admin/[resource]': '/admin/milestones',
    '/admin/[resource]/new': '/admin/milestones/new',
    '/admin/[resource]/[id]': `/admin/milestones/${fx.milestoneId}`,
    '/api/export/[file]': '/api/export/overview.csv',
    '/api/v1/entities/[id]': `/api/v1/entities/${fx.entityId}`,
    '/api/v1/views/[id]': `/api/v1/views/${fx.viewId}`,
    '/admin/imports/[id]': `/admin/imports/${fx.importRunId}`,
    // The official sources are seeded (prisma/seed/sources.ts) under their registry ids.
    '/admin/sources/[id]': '/admin/sources/ofac-sdn',
    // Import jobs live in the server's memory: an unknown id is a 404 for whoever may ask.
    '/api/admin/imports/jobs/[id]': '/api/admin/imports/jobs/00000000-0000-4000-8000-000000000000',
  };
  const url = byPattern[pattern];
  if (!url) throw new Error(`No fixture for the dynamic route ${pattern}: add one to fillRoute() in e2e/factories/route-fixtures.ts`);
  return url;
}
