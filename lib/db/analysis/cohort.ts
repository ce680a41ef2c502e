import 'server-only';
// The lag page's cohort (issue 26), resolved: the names of its cases and programs, a saved entity
// list's entities (through the entity search itself, so the list is what its page shows), and the
// SQL condition that keeps an entity of the cohort. Described in words by lib/analysis/cohort.ts.
import { Prisma } from '../generated/client';
import { prisma } from '../client';
import { caseActions } from '../cases/filter';
import { searchEntities } from '../search';
import { getSavedViewForUser } from '../accounts/saved-views';
import { programLabel } from '../../programs/registry';
import { authorize } from '../../auth/verified';
import type { Principal } from '../../auth/permissions';
import type { Cohort } from '../../analysis/cohort';
import type { LagQuery } from '../../validation/lag';
import { entityListQuerySchema } from '../../validation/entities';
import { searchParamsToObject, type QueryProblem } from '../../validation/search-params';

/** A saved entity list is compared on at most this many of its entities (its first, in its order). */
export const COHORT_VIEW_CAP = 1_000;

const PROGRAM_KEY = Prisma.raw(`(sp.authority_id || ':' || sp.code)`);

/**
 * The cohort of a lag query, and a problem for each part that names nothing (an unknown case or
 * program, a view the viewer cannot open or that is not an entity search): that part is left out.
 */
export async function resolveLagCohort(viewer: Principal, q: Pick<LagQuery, 'case' | 'program' | 'weapon' | 'view'>): Promise<{ cohort: Cohort; problems: QueryProblem[] }> {
  authorize(viewer, 'data:read');
  const problems: QueryProblem[] = [];
  const [cases, programs, weapons, view] = await Promise.all([
    q.case.length ? prisma.sanctionsCase.findMany({ where: { slug: { in: q.case }, deletedAt: null }, select: { slug: true, title: true } }) : [],
    q.program.length
      ? prisma.$queryRaw<Array<{ key: string; authorityId: string; code: string; title: string | null; legalBasis: string | null }>>`
          SELECT ${PROGRAM_KEY} AS key, sp.authority_id AS "authorityId", sp.code, sp.title, sp.legal_basis AS "legalBasis"
          FROM sanctions_program sp WHERE sp.deleted_at IS NULL AND ${PROGRAM_KEY} IN (${Prisma.join(q.program)})`
      : [],
    q.weapon.length ? prisma.weaponsProgram.findMany({ where: { slug: { in: q.weapon }, deletedAt: null }, select: { slug: true, name: true } }) : [],
    q.view ? getSavedViewForUser(viewer, q.view) : null,
  ]);
  const missing = (field: string, asked: string[], found: string[], what: string) => {
    const gone = asked.filter((a) => !found.includes(a));
    if (gone.length) problems.push({ field, message: `${gone.map((g) => `“${g}”`).join(', ')}: no such ${what}; left out.` });
  };
  missing('case', q.case, cases.map((c) => c.slug), 'case');
  missing('program', q.program, programs.map((p) => p.key), 'sanctions program');
  missing('weapon', q.weapon, weapons.map((w) => w.slug), 'weapons program');

  let resolved: Cohort['view'] = null;
  if (q.view && !view) problems.push({ field: 'view', message: 'No saved view of yours or shared with you has this id; left out.' });
  else if (view && view.path !== '/entities') problems.push({ field: 'view', message: `“${view.name}” is not a saved entity search (it saves ${view.path}); left out.` });
  else if (view) {
    // The list as its page shows it: the search's own filters and order, the first COHORT_VIEW_CAP.
    const listQuery = entityListQuerySchema.parse(searchParamsToObject(new URLSearchParams(view.query)));
    const found = await searchEntities(viewer, { ...listQuery, page: 1, pageSize: COHORT_VIEW_CAP });
    resolved = { id: view.id, name: view.name, entityIds: found.items.map((i) => i.id), total: found.total, cap: COHORT_VIEW_CAP };
  }
  // In the order asked, so the words follow the URL.
  const inOrder = <T>(asked: string[], rows: T[], key: (t: T) => string) => asked.flatMap((a) => rows.filter((r) => key(r) === a));
  return {
    cohort: {
      cases: inOrder(q.case, cases, (c) => c.slug),
      programs: inOrder(q.program, programs, (p) => p.key).map((p) => ({ key: p.key, label: programLabel(p) })),
      weapons: inOrder(q.weapon, weapons, (w) => w.slug),
      view: resolved,
    },
    problems,
  };
}

/**
 * The condition on an entity id column: in every kind of the cohort given (a union within a kind).
 * An empty cohort keeps every entity.
 */
export function cohortEntityFilter(c: Cohort, entityCol: Prisma.Sql): Prisma.Sql {
  const parts: Prisma.Sql[] = [];
  if (c.cases.length) {
    parts.push(Prisma.sql`${entityCol} IN (SELECT cd.entity_id FROM designation cd WHERE cd.deleted_at IS NULL AND cd.action_id IN (${caseActions(c.cases.map((k) => k.slug))}))`);
  }
  if (c.programs.length) {
    parts.push(Prisma.sql`${entityCol} IN (SELECT pd.entity_id FROM designation pd JOIN designation_program dp ON dp.designation_id = pd.id JOIN sanctions_program sp ON sp.id = dp.program_id
      WHERE pd.deleted_at IS NULL AND ${PROGRAM_KEY} IN (${Prisma.join(c.programs.map((p) => p.key))}))`);
  }
  if (c.weapons.length) {
    parts.push(Prisma.sql`${entityCol} IN (SELECT pp.entity_id FROM program_participant pp JOIN weapons_program wp ON wp.id = pp.weapons_program_id
      WHERE pp.deleted_at IS NULL AND wp.deleted_at IS NULL AND wp.slug IN (${Prisma.join(c.weapons.map((w) => w.slug))}))`);
  }
  // A saved list that matched nothing is an empty cohort, not every entity.
  if (c.view) parts.push(c.view.entityIds.length ? Prisma.sql`${entityCol} = ANY (${c.view.entityIds}::text[])` : Prisma.sql`FALSE`);
  return parts.length ? Prisma.join(parts, ' AND ') : Prisma.sql`TRUE`;
}

/**
 * The actions a cohort's action-level answer considers: those publishing a designation of a cohort
 * entity — within the case's actions when a case is given (a case's entities were listed in other
 * actions too; "the first drone action" is the case's).
 */
export function cohortActionFilter(c: Cohort, actionCol: Prisma.Sql): Prisma.Sql {
  const parts: Prisma.Sql[] = [];
  if (c.cases.length) parts.push(Prisma.sql`${actionCol} IN (${caseActions(c.cases.map((k) => k.slug))})`);
  parts.push(Prisma.sql`EXISTS (SELECT 1 FROM designation ad JOIN entity ae ON ae.id = ad.entity_id AND ae.deleted_at IS NULL
    WHERE ad.action_id = ${actionCol} AND ad.deleted_at IS NULL AND ${cohortEntityFilter(c, Prisma.sql`ad.entity_id`)})`);
  return Prisma.join(parts, ' AND ');
}
