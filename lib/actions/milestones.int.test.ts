import { beforeAll, describe, expect, it } from 'vitest';
import { prisma } from '../db/client';
import { callAs, expectOk, realPrincipal } from '../../test/actions';
import type { Principal } from '../auth/permissions';
import { createMilestone, deleteMilestone, restoreMilestone, updateMilestone } from './milestones';

let admin: Principal;
beforeAll(async () => {
  admin = await realPrincipal('ADMIN');
});

describe('milestone smoke', () => {
  it('create → update → stale → delete → restore', async () => {
    const created = expectOk(await callAs(admin, createMilestone, { title: 'Test', category: 'DIPLOMATIC', date: '2022-11', sourceUrl: 'https://example.org/a' }));
    const updated = expectOk(await callAs(admin, updateMilestone, { id: created.id, version: created.version, title: 'Test 2', category: 'DIPLOMATIC', date: '2022-11-03', sourceUrl: 'https://example.org/a' }));
    const stale = await callAs(admin, updateMilestone, { id: created.id, version: created.version, title: 'Test 3', category: 'DIPLOMATIC', date: '2022-11-03', sourceUrl: 'https://example.org/a' });
    console.log(JSON.stringify(stale));
    const del = expectOk(await callAs(admin, deleteMilestone, { id: created.id, version: updated.version }));
    expectOk(await callAs(admin, restoreMilestone, { id: created.id, version: del.version }));
    const events = await prisma.auditEvent.findMany({ where: { targetId: created.id }, orderBy: { id: 'asc' } });
    console.log(JSON.stringify(events.map((e) => [e.action, e.before, e.after, e.meta])));
    expect(events).toHaveLength(4);
  });
});
