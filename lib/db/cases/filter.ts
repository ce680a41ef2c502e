// The one SQL predicate of a case filter (ADR 0017), shared by the overview, the lag and windows
// analyses, suppliers and search.
import { Prisma } from '../generated/client';

/**
 * The actions of live cases with these slugs (a case counts exactly its actions' designations).
 * Uncorrelated, so the planner hashes it and reads designations by their action index.
 */
export function caseActions(slugs: string[]): Prisma.Sql {
  return Prisma.sql`SELECT ca.action_id FROM case_action ca JOIN sanctions_case sc ON sc.id = ca.case_id
    WHERE sc.deleted_at IS NULL AND sc.slug IN (${Prisma.join(slugs)})`;
}
