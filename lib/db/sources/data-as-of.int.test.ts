// getDataAsOf against the real seed: the edition registry's latest edition per list, and the last
// hand edit of the data (issue 26).
import { describe, expect, it } from 'vitest';
import { prisma } from '../client';
import { getDataAsOf } from './data-as-of';
import { callAs, expectOk, realPrincipal } from '../../../test/actions';
import * as records from '../../actions/records';
import { saveView } from '../../actions/saved-views';

describe('getDataAsOf', () => {
  it('gives the seeded editions per list, in words', async () => {
    const analyst = await realPrincipal('ANALYST');
    const asOf = await getDataAsOf(analyst);
    // The seed's registry (prisma/seed.int.test.ts): three EU acts of 2026-07-30, the OFAC history to 2024-05-03, UK and UN files.
    expect(asOf.lists.map((l) => [l.label, l.editionDate, l.oldestEditionDate])).toEqual([
      ['OFAC SDN', '2024-05-03', null],
      ['EU', '2026-07-30', null],
      ['UK', '2026-04-29', null],
      ['UN', '2018-08-24', null],
    ]);
    expect(asOf.lists.find((l) => l.key === 'eu')!.scopes).toEqual(['eu-journal:32012R0267', 'eu-journal:32014R0269', 'eu-journal:32023R1529']);
    expect(asOf.label).toMatch(/^Data as of: OFAC SDN 2024-05-03 · EU 2026-07-30 · UK 2026-04-29 · UN 2018-08-24( · last edited .+ UTC)?$/);
    for (const l of asOf.lists) expect(Number.isNaN(Date.parse(l.appliedAt))).toBe(false);
  });

  it('moves to a newer edition when one is applied, and says when', async () => {
    const analyst = await realPrincipal('ANALYST');
    const row = await prisma.listEdition.create({ data: { scope: 'uk-list', editionDate: new Date('2026-05-15T00:00:00Z'), checksum: 'test-data-as-of', format: 'uk-csv', fileName: 'test.csv', records: 1, source: 'import' } });
    try {
      const uk = (await getDataAsOf(analyst)).lists.find((l) => l.key === 'uk')!;
      expect(uk).toMatchObject({ editionDate: '2026-05-15', appliedAt: row.createdAt.toISOString() });
      // An older edition recorded later (an --allow-older rebuild) does not move the as-of back.
      await prisma.listEdition.create({ data: { scope: 'uk-list', editionDate: new Date('2026-05-01T00:00:00Z'), checksum: 'test-data-as-of-older', format: 'uk-csv', fileName: 'old.csv', records: 1, source: 'import' } });
      expect((await getDataAsOf(analyst)).lists.find((l) => l.key === 'uk')!.editionDate).toBe('2026-05-15');
    } finally {
      // The seed test checks the registry's exact rows.
      await prisma.listEdition.deleteMany({ where: { checksum: { in: ['test-data-as-of', 'test-data-as-of-older'] } } });
    }
    expect((await getDataAsOf(analyst)).lists.find((l) => l.key === 'uk')!.editionDate).toBe('2026-04-29');
  });

  it('states the last hand edit of the data, not of accounts', async () => {
    const admin = await realPrincipal('ADMIN');
    const before = Date.now();
    // A case: no other test file counts cases (a milestone here was counted by the event study's test, run at the same time).
    expectOk(await callAs(admin, records.createCase, { title: `As-of test case ${Date.now()}`, actionIds: 'us-2022-09-08' }));
    const edited = (await getDataAsOf(admin)).editedAt;
    expect(edited).not.toBeNull();
    expect(Date.parse(edited!)).toBeGreaterThanOrEqual(before - 1000);
    expect((await getDataAsOf(admin)).label).toContain(`last edited ${edited!.slice(0, 16).replace('T', ' ')} UTC`);
    // Saving a view is not a change to the data.
    expectOk(await callAs(admin, saveView, { name: `as-of ${Date.now()}`, path: '/', query: '' }));
    expect((await getDataAsOf(admin)).editedAt).toBe(edited);
  });

  it('refuses a caller without a verified principal', async () => {
    await expect(getDataAsOf({ id: 'x', email: 'x@example.org', name: null, role: 'ADMIN', mustChangePassword: false })).rejects.toMatchObject({ status: 401 });
  });
});
