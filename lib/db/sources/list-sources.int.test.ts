// Admins edit a source (issue 27): enabled, schedule and addresses — validated (a cron croner
// understands; http(s) addresses without credentials), optimistic (a stale version is a 409 and
// writes nothing) and audited. Analysts may neither list nor edit sources.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prisma } from '../client';
import { callAs, expectOk, realPrincipal } from '../../../test/actions';
import { checkSourceNow, updateSource } from '../../actions/sources';
import { getSource, listSources } from './list-sources';
import type { Principal } from '../../auth/permissions';

const ID = `test-src-${Math.random().toString(36).slice(2, 8)}`;
let admin: Principal;
let analyst: Principal;

beforeAll(async () => {
  admin = await realPrincipal('ADMIN');
  analyst = await realPrincipal('ANALYST');
  await prisma.listSource.create({
    data: { id: ID, name: 'Test list', format: 'ofac-sdn-csv', urls: ['https://example.org/SDN.CSV'], officialUrls: ['https://example.org/SDN.CSV'], docsUrl: 'https://example.org/', schedule: '0 6 * * *' },
  });
});
afterAll(async () => {
  await prisma.listSource.deleteMany({ where: { id: ID } });
});

describe('editing a source', () => {
  it('saves enabled, schedule and a mirror address; audited; the list shows it as a mirror', async () => {
    const saved = expectOk(await callAs(admin, updateSource, { id: ID, version: 1, enabled: true, schedule: '17 */6 * * *', urls: 'http://mirror.internal/ofac/SDN.CSV\nhttp://mirror.internal/ofac/ADD.CSV' }));
    expect(saved.version).toBe(2);
    const found = await getSource(admin, ID);
    expect(found?.source).toMatchObject({ enabled: true, schedule: '17 */6 * * *', urls: ['http://mirror.internal/ofac/SDN.CSV', 'http://mirror.internal/ofac/ADD.CSV'], mirrored: true });
    expect((await listSources(admin)).some((s) => s.id === ID && s.mirrored)).toBe(true);
    const audit = await prisma.auditEvent.findFirst({ where: { action: 'source.update', targetId: ID }, orderBy: { id: 'desc' } });
    expect(audit?.before).toMatchObject({ enabled: false, schedule: '0 6 * * *' });
    expect(audit?.after).toMatchObject({ enabled: true, schedule: '17 */6 * * *' });
  });

  it('refuses a bad schedule, a bad address and a stale version, naming the field; nothing is written', async () => {
    const before = await prisma.listSource.findUniqueOrThrow({ where: { id: ID } });
    const cron = await callAs(admin, updateSource, { id: ID, version: before.version, enabled: true, schedule: 'every day', urls: 'https://example.org/SDN.CSV' });
    expect(cron.ok).toBe(false);
    if (!cron.ok) expect(cron.fieldErrors?.schedule?.[0]).toMatch(/cron/);
    const url = await callAs(admin, updateSource, { id: ID, version: before.version, enabled: true, schedule: '0 6 * * *', urls: 'ftp://example.org/SDN.CSV\nhttps://user:pw@example.org/x' });
    expect(url.ok).toBe(false);
    if (!url.ok) expect(url.fieldErrors?.urls?.join(' ')).toMatch(/Line 1.*Line 2/s);
    const stale = await callAs(admin, updateSource, { id: ID, version: before.version - 1, enabled: false, schedule: '0 6 * * *', urls: 'https://example.org/SDN.CSV' });
    expect(stale).toMatchObject({ ok: false, status: 409 });
    expect(await prisma.listSource.findUniqueOrThrow({ where: { id: ID } })).toMatchObject({ version: before.version, schedule: before.schedule, enabled: before.enabled });
  });

  it('is for administrators only', async () => {
    await expect(listSources(analyst)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await callAs(analyst, updateSource, { id: ID, version: 1, enabled: true, schedule: '0 6 * * *', urls: 'https://example.org/SDN.CSV' })).toMatchObject({ ok: false, status: 403 });
    expect(await callAs(analyst, checkSourceNow, { id: ID })).toMatchObject({ ok: false, status: 403 });
    expect(await callAs(null, checkSourceNow, { id: ID })).toMatchObject({ ok: false, status: 401 });
  });
});
