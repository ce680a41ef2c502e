// The entity duplicate guard and merge, through the real actions as real users.
import { beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { prisma } from '../db/client';
import { callAs, expectOk, realPrincipal, testViewer } from '../../test/actions';
import type { Principal } from '../auth/permissions';
import { checkEntityDuplicates, createEntity, mergeEntity } from './records';
import { getEntity, getMergeTarget } from '../db/entities';
import { listAuditForTarget } from '../db/audit';

const rand = () => randomBytes(4).toString('hex');
const SRC = 'https://ofac.treasury.gov/recent-actions/20221115';
let admin: Principal;
let analyst: Principal;

beforeAll(async () => {
  admin = await realPrincipal('ADMIN');
  analyst = await realPrincipal('ANALYST');
});

describe('duplicate guard', () => {
  it('shows likely matches by similar name, alias or identical identifier before saving', async () => {
    // Seeded from the OFAC history: QODS AVIATION INDUSTRIES.
    const byName = expectOk(await callAs(admin, checkEntityDuplicates, { name: 'Qods Aviation Industry' }));
    expect(byName.map((m) => m.name)).toContain('QODS AVIATION INDUSTRIES');

    const tag = rand();
    const imo = `IMO ${Math.floor(1_000_000 + Math.random() * 8_999_999)}`;
    const first = expectOk(await callAs(admin, createEntity, { schema: 'Vessel', name: `Zephyr ${tag} Carrier`, identifiers: `IMO: ${imo}` }));
    const byId = expectOk(await callAs(admin, checkEntityDuplicates, { name: 'Completely different', identifiers: `IMO number: ${imo.replace(' ', '-')}` }));
    expect(byId.find((m) => m.id === first.id)?.via).toEqual(['identifier IMO']);
    const byAlias = expectOk(await callAs(admin, checkEntityDuplicates, { name: 'Unrelated name', aliases: `Zephyr ${tag} Carriers` }));
    expect(byAlias.map((m) => m.id)).toContain(first.id);
  });

  it('refuses to create a likely duplicate until the admin confirms, and then creates exactly one', async () => {
    const tag = rand();
    const first = expectOk(await callAs(admin, createEntity, { schema: 'Company', name: `Borealis ${tag} Engine Works` }));
    const before = await prisma.entity.count();
    const refused = await callAs(admin, createEntity, { schema: 'Company', name: `Borealis ${tag} Engine Work` });
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(refused.status).toBe(409);
    expect((refused.details?.duplicates as Array<{ id: string }>).map((d) => d.id)).toContain(first.id);
    expect(await prisma.entity.count()).toBe(before);
    expectOk(await callAs(admin, createEntity, { schema: 'Company', name: `Borealis ${tag} Engine Work`, acknowledgeDuplicates: 'on' }));
    expect(await prisma.entity.count()).toBe(before + 1);
  });

  it('is not available to analysts', async () => {
    const r = await callAs(analyst, checkEntityDuplicates, { name: 'Qods Aviation Industry' });
    expect(r.ok ? 200 : r.status).toBe(403);
  });
});

describe('merge', () => {
  it('moves designations, relationships, aliases, identifiers and external ids to the survivor; keeps a redirect; one audit event', async () => {
    const tag = rand();
    const survivor = await prisma.entity.create({ data: { schema: 'Company', name: `Survivor ${tag}`, countries: ['ir'], aliases: { create: [{ name: `Surv ${tag}` }] }, identifiers: { create: [{ type: 'Tax ID', value: `S${tag}` }] } } });
    const merged = await prisma.entity.create({
      data: {
        schema: 'Company',
        name: `Merged ${tag}`,
        countries: ['ru'],
        aliases: { create: [{ name: `Mrg ${tag}` }, { name: `Surv ${tag}` }] },
        identifiers: { create: [{ type: 'Tax ID', value: `S${tag}` }, { type: 'Registration Number', value: `R${tag}` }] },
        externalIds: { create: [{ source: 'test', externalId: `ext-${tag}` }] },
      },
    });
    const other = await prisma.entity.create({ data: { schema: 'Person', name: `Director ${tag}` } });
    const d = await prisma.designation.create({ data: { entityId: merged.id, authorityId: 'UK', listingDate: new Date('2023-02-24'), listingDatePrecision: 'DAY', sourceUrl: SRC, origin: 'test', originKey: `m-${tag}` } });
    const rel = await prisma.relationship.create({ data: { type: 'DIRECTORSHIP', subjectId: other.id, objectId: merged.id, sourceUrl: SRC, origin: 'test', originKey: `r-${tag}` } });
    const counts = await Promise.all([prisma.designation.count(), prisma.relationship.count(), prisma.auditEvent.count()]);

    // An analyst cannot merge.
    const denied = await callAs(analyst, mergeEntity, { survivorId: survivor.id, mergedId: merged.id, survivorVersion: 1, mergedVersion: 1 });
    expect(denied.ok ? 200 : denied.status).toBe(403);
    // A stale version is refused.
    const stale = await callAs(admin, mergeEntity, { survivorId: survivor.id, mergedId: merged.id, survivorVersion: 1, mergedVersion: 7 });
    expect(stale.ok ? 200 : stale.status).toBe(409);
    expect(await prisma.auditEvent.count()).toBe(counts[2]);

    const report = expectOk(await callAs(admin, mergeEntity, { survivorId: survivor.id, mergedId: merged.id, survivorVersion: 1, mergedVersion: 1 }));
    expect(report).toMatchObject({ designations: 1, relationships: 1, externalIds: 1, identifiers: 1 });

    expect((await prisma.designation.findUniqueOrThrow({ where: { id: d.id } })).entityId).toBe(survivor.id);
    expect((await prisma.relationship.findUniqueOrThrow({ where: { id: rel.id } })).objectId).toBe(survivor.id);
    const s = await getEntity(await testViewer(), survivor.id);
    expect(s?.aliases.map((a) => a.name).sort()).toEqual([`Merged ${tag}`, `Mrg ${tag}`, `Surv ${tag}`]);
    expect(s?.identifiers.map((i) => i.value).sort()).toEqual([`R${tag}`, `S${tag}`]);
    expect(s?.externalIds.map((x) => x.externalId)).toEqual([`ext-${tag}`]);
    expect(s?.countries.sort()).toEqual(['ir', 'ru']);
    expect(await getMergeTarget(await testViewer(), merged.id)).toBe(survivor.id);
    // Nothing was deleted, only moved.
    expect(await Promise.all([prisma.designation.count(), prisma.relationship.count()])).toEqual(counts.slice(0, 2));

    const events = await prisma.auditEvent.findMany({ where: { id: { gt: 0 }, action: 'entity.merge', targetId: merged.id } });
    expect(events).toHaveLength(1);
    expect(await prisma.auditEvent.count()).toBe(counts[2] + 1);
    expect(events[0]).toMatchObject({ actorId: admin.id, meta: { survivorId: survivor.id } });
    // Both entities' histories show the merge.
    expect((await listAuditForTarget(await testViewer(), 'Entity', survivor.id)).map((e) => e.action)).toContain('entity.merge');
    expect((await listAuditForTarget(await testViewer(), 'Entity', merged.id)).map((e) => e.action)).toContain('entity.merge');

    // Merging the redirect again is refused.
    const again = await callAs(admin, mergeEntity, { survivorId: survivor.id, mergedId: merged.id, survivorVersion: 2, mergedVersion: 2 });
    expect(again.ok ? 200 : again.status).toBe(409);
  });
});
