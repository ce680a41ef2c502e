import 'server-only';
import { prisma } from '../client';
import { authorize } from '../../auth/verified';
import type { Principal } from '../../auth/permissions';

export type AuthorityRef = { id: string; shortName: string };

/** Authorities that have at least one live designation, in id order (what the analysis pages compare). */
export function listDesignatingAuthorities(viewer: Principal): Promise<AuthorityRef[]> {
  authorize(viewer, 'data:read');
  return prisma.$queryRaw<AuthorityRef[]>`
    SELECT a.id, a.short_name AS "shortName" FROM authority a
    WHERE a.deleted_at IS NULL AND EXISTS (SELECT 1 FROM designation d WHERE d.authority_id = a.id AND d.deleted_at IS NULL)
    ORDER BY a.id`;
}
