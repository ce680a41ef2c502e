// The review queue's actions as real users: an analyst gets 403 and changes nothing; accept merges
// the pair (version-guarded, one audit event naming the candidate); reject is remembered and audited;
// a decided candidate cannot be decided again; bad input is a 422 with field messages.
import { beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { prisma } from '../db/client';
import { callAs, expectOk, realPrincipal, testViewer } from '../../test/actions';
import type { Principal } from '../auth/permissions';
import { acceptMatch, rejectMatch } from './matches';
import { listMatchCandidates } from '../db/resolution/match-candidates';

let admin: Principal;
let analyst: Principal;
const SRC = 'https://example.org/test';

async function pair(tag: string) {
  const a = await prisma.entity.create({ data: { schema: 'Person', name: `Petrov Ivan ${tag}`, countries: ['ru'], birthDate: new Date('1970-01-01'), birthDatePrecision: 'YEAR' } });
  const b = await prisma.entity.create({ data: { schema: 'Person', name: `Ivan Petrov ${tag}`, countries: ['Russia'], addresses: ['Moscow'], birthDate: new Date('1970-01-01'), birthDatePrecision: 'YEAR' } });
  await prisma.designation.create({ data: { entityId: b.id, authorityId: 'UK', listingDate: new Date('2023-02-24'), listingDatePrecision: 'DAY', sourceUrl: SRC, origin: 'test', originKey: `match-${tag}` } });
  const [x, y] = a.id < b.id ? [a, b] : [b, a];
  const m = await prisma.matchCandidate.create({ data: { entityAId: x.id, entityBId: y.id, score: 0.7, reason: `same name "ivan petrov ${tag}", country ru, born/incorporated 1970` } });
  return { m, a: x, b: y };
}

beforeAll(async () => {
  admin = await realPrincipal('ADMIN');
  analyst = await realPrincipal('ANALYST');
});

describe('match review actions', () => {
  it('an analyst can neither accept nor reject (403), and nothing changes', async () => {
    const { m, a, b } = await pair(randomBytes(3).toString('hex'));
    const accepted = await callAs(analyst, acceptMatch, { id: m.id, survivorId: a.id, versionA: 1, versionB: 1 });
    const rejected = await callAs(analyst, rejectMatch, { id: m.id });
    expect([accepted.ok, rejected.ok]).toEqual([false, false]);
    expect([!accepted.ok && accepted.status, !rejected.ok && rejected.status]).toEqual([403, 403]);
    expect((await prisma.matchCandidate.findUniqueOrThrow({ where: { id: m.id } })).status).toBe('PENDING');
    expect((await prisma.entity.findUniqueOrThrow({ where: { id: b.id } })).mergedIntoId).toBeNull();
    expect(await prisma.auditEvent.count({ where: { targetId: { in: [m.id, a.id, b.id] } } })).toBe(0);
  });

  it('accept merges the pair into the chosen survivor, once', async () => {
    const tag = randomBytes(3).toString('hex');
    const { m, a, b } = await pair(tag);
    expect((await listMatchCandidates(await testViewer(), { status: 'PENDING', q: tag, page: 1 })).items.map((x) => x.id)).toEqual([m.id]);

    const stale = await callAs(admin, acceptMatch, { id: m.id, survivorId: b.id, versionA: 1, versionB: 5 });
    expect(stale).toMatchObject({ ok: false, status: 409 });
    expect((await prisma.matchCandidate.findUniqueOrThrow({ where: { id: m.id } })).status).toBe('PENDING');

    const outsider = await callAs(admin, acceptMatch, { id: m.id, survivorId: 'not-one-of-them', versionA: 1, versionB: 1 });
    expect(outsider).toMatchObject({ ok: false, status: 422 });

    const report = expectOk(await callAs(admin, acceptMatch, { id: m.id, survivorId: b.id, versionA: 1, versionB: 1 }));
    expect(report).toMatchObject({ survivorId: b.id });
    const merged = await prisma.entity.findUniqueOrThrow({ where: { id: a.id } });
    const survivor = await prisma.entity.findUniqueOrThrow({ where: { id: b.id }, include: { aliases: true, designations: true } });
    expect(merged.mergedIntoId).toBe(b.id);
    expect(survivor.aliases.map((x) => x.name)).toContain(a.name);
    expect(survivor.countries.sort()).toEqual(['Russia', 'ru']);
    expect((await prisma.matchCandidate.findUniqueOrThrow({ where: { id: m.id } })).status).toBe('MERGED');
    const events = await prisma.auditEvent.findMany({ where: { action: 'entity.merge', targetId: a.id } });
    expect(events).toHaveLength(1);
    expect(events[0]!.meta).toMatchObject({ via: 'review', matchCandidateId: m.id, survivorId: b.id });
    expect(events[0]!.actorId).toBe(admin.id);

    const again = await callAs(admin, acceptMatch, { id: m.id, survivorId: b.id, versionA: 2, versionB: 2 });
    expect(again).toMatchObject({ ok: false, status: 409 });
    expect((await listMatchCandidates(await testViewer(), { status: 'PENDING', q: tag, page: 1 })).total).toBe(0);
    expect((await listMatchCandidates(await testViewer(), { status: 'MERGED', q: tag, page: 1 })).total).toBe(1);
  });

  it('reject is remembered and audited', async () => {
    const tag = randomBytes(3).toString('hex');
    const { m, a, b } = await pair(tag);
    expect(expectOk(await callAs(admin, rejectMatch, { id: m.id }))).toEqual({ id: m.id });
    const row = await prisma.matchCandidate.findUniqueOrThrow({ where: { id: m.id } });
    expect(row).toMatchObject({ status: 'REJECTED', decidedById: admin.id });
    const events = await prisma.auditEvent.findMany({ where: { targetType: 'MatchCandidate', targetId: m.id } });
    expect(events.map((e) => e.action)).toEqual(['match.reject']);
    expect((await prisma.entity.findUniqueOrThrow({ where: { id: b.id } })).mergedIntoId).toBeNull();
    expect(await callAs(admin, rejectMatch, { id: m.id })).toMatchObject({ ok: false, status: 409 });
    expect(await callAs(admin, acceptMatch, { id: m.id, survivorId: a.id, versionA: 1, versionB: 1 })).toMatchObject({ ok: false, status: 409 });
  });

  it('bad input: 422 with a field message; an unknown candidate: 404', async () => {
    const bad = await callAs(admin, acceptMatch, { id: '', survivorId: 'x<y', versionA: 'one', versionB: 1 });
    expect(bad).toMatchObject({ ok: false, status: 422 });
    expect(!bad.ok && Object.keys(bad.fieldErrors ?? {}).sort()).toEqual(['id', 'survivorId', 'versionA']);
    expect(await callAs(admin, rejectMatch, { id: 'no-such-candidate' })).toMatchObject({ ok: false, status: 404 });
  });
});
