// The data-access layer refuses a caller it did not verify, and a verified caller without the
// permission — whatever page, route or action forgot to check (layouts are not a boundary).
import { describe, expect, it } from 'vitest';
import { realPrincipal } from '../../test/actions';
import { RESOURCES } from '../admin/resources';
import { listMilestones } from '../db/milestones';
import { getAction, listActions } from '../db/sanctions-actions/actions';
import { actionsQuerySchema } from '../validation/actions';
import { getCase, listCases } from '../db/cases/cases';
import { getKpis, getTimelineData } from '../db/metrics';
import { getEntity } from '../db/entities';
import { listAuditEvents } from '../db/audit';
import { listUsers } from '../db/admin/users';
import { listImportRuns } from '../db/import-runs';
import { listMatchCandidates } from '../db/resolution/match-candidates';
import { listOwnSessions } from '../db/accounts/sessions';
import { dashboardQuerySchema } from '../validation/dashboard';
import { matchQuerySchema } from '../validation/matches';
import type { Principal } from './permissions';

type Call = [string, (p: Principal) => Promise<unknown>];
const READS: Call[] = [
  ['listMilestones', (p) => listMilestones(p)],
  ['getKpis', (p) => getKpis(p)],
  ['getTimelineData', (p) => getTimelineData(p, dashboardQuerySchema.parse({}))],
  ['getEntity', (p) => getEntity(p, 'no-such-entity')],
  ['listActions', (p) => listActions(p, actionsQuerySchema.parse({}))],
  ['getAction', (p) => getAction(p, 'no-such-action')],
  ['listCases', (p) => listCases(p)],
  ['getCase', (p) => getCase(p, 'no-such-case')],
];

const ADMIN_ONLY: Call[] = [
  ['listAuditEvents', (p) => listAuditEvents(p, { page: 1 })],
  ['listUsers', (p) => listUsers(p)],
  ['listImportRuns', (p) => listImportRuns(p, 5)],
  ['listMatchCandidates', (p) => listMatchCandidates(p, matchQuerySchema.parse({}))],
  ...RESOURCES.flatMap((r): Call[] => [
    [`${r.slug}.list`, (p) => r.list(p, { page: 1 })],
    [`${r.slug}.getForm`, (p) => r.getForm(p, 'no-such-record')],
    [`${r.slug}.fields`, (p) => r.fields(p)],
  ]),
];

describe('authorisation at the data', () => {
  it('refuses a principal it did not issue (a copy, a literal) with 401, and a role without the permission with 403', async () => {
    const admin = await realPrincipal('ADMIN');
    const analyst = await realPrincipal('ANALYST');
    const forged: Principal = { ...admin };
    for (const [name, call] of [...READS, ...ADMIN_ONLY]) {
      await expect(call(forged), name).rejects.toMatchObject({ status: 401 });
      await expect(call(null as unknown as Principal), name).rejects.toMatchObject({ status: 401 });
      await expect(call(admin), name).resolves.not.toThrow();
    }
    for (const [name, call] of READS) await expect(call(analyst), name).resolves.not.toThrow();
    for (const [name, call] of ADMIN_ONLY) await expect(call(analyst), name).rejects.toMatchObject({ status: 403 });
    // Own sessions: a verified caller, never a copy.
    await expect(listOwnSessions({ ...analyst })).rejects.toMatchObject({ status: 401 });
  });
});
