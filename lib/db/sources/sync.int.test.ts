// Live sync against a local publisher (test/publisher.ts), offline, on fresh databases without the
// seeded OFAC history: real OFAC editions applied in order with their Last-Modified dates, a check
// that finds nothing new costs one conditional request, every fault of the corpus applies nothing and
// is shown on the source, two replicas apply an edition once, a crashed replica's lease is taken
// over, a missed run is caught up once after a restart, and the EU policy (no EU listing twice).
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectDatabase } from '../imports';
import { systemActor } from '../audit';
import type { PrismaClient } from '../generated/client';
import { freshImportDatabase, type FreshDb } from '../../import/testing';
import { runImport } from '../../import/run';
import { startSyncScheduler } from '../../sources/scheduler';
import { getSourceDefinition } from '../../sources/registry';
import { startPublisher, type Publisher, type PublisherFault } from '../../../test/publisher';
import { EU_FSF_REFUSED, syncSource, type SyncOptions, type SyncOutcome } from './sync';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const sdn = (date: string) => readFileSync(path.join(ROOT, `data/ofac-sdn/editions/sdn-${date}.csv`));
const actor = systemActor('test:sync');
// Short timeouts and backoff so that the fault corpus runs in seconds; 2 attempts per file.
const FAST = { timeoutMs: 500, attempts: 2, backoffBaseMs: 10, backoffCapMs: 20 };
const opts = (db: PrismaClient, extra: Partial<SyncOptions> = {}): SyncOptions => ({ trigger: 'manual', runner: 'test', actor, db, policy: FAST, ...extra });
const evening = (date: string) => new Date(`${date}T21:00:00Z`);
/** ent_num → the row's cells, trimmed, as the file states them. */
const rowsOf = (file: Buffer) =>
  new Map((parse(file, { relaxQuotes: true, relaxColumnCount: true }) as string[][]).filter((r) => /^\d+$/.test(r[0]?.trim() ?? '')).map((r) => [r[0]!.trim(), JSON.stringify(r.map((c) => c.trim()))]));

async function createSource(db: PrismaClient, id: string, data: { format: string; urls: string[]; editionDateFrom: string }) {
  const def = getSourceDefinition(id)!;
  await db.listSource.create({ data: { id, name: def.name, officialUrls: [...def.urls], docsUrl: def.docsUrl, schedule: '0 3 * * *', enabled: true, ...data } });
}

describe('sync of the OFAC SDN CSV from a publisher', () => {
  let fresh: FreshDb;
  let db: PrismaClient;
  let pub: Publisher;
  const sources = () => db.listSource.findUniqueOrThrow({ where: { id: 'ofac-sdn' } });
  const editions = async () => (await fresh.query<{ d: string }>(`SELECT edition_date::text AS d FROM list_edition WHERE scope = 'ofac-sdn' ORDER BY 1`)).map((r) => r.d);

  beforeAll(async () => {
    fresh = await freshImportDatabase('st_sync');
    db = connectDatabase(fresh.url);
    pub = await startPublisher();
    // The registry's source, pointed at a local mirror (README "Live data").
    await createSource(db, 'ofac-sdn', { format: 'ofac-sdn-csv', urls: [pub.url('/sdn.csv')], editionDateFrom: 'last-modified' });
  });
  afterAll(async () => {
    await pub?.close();
    await db?.$disconnect();
    await fresh?.drop();
  });

  it('applies editions in order with their Last-Modified date; no change costs one conditional request', async () => {
    pub.publish('/sdn.csv', sdn('2021-08-18'), { lastModified: evening('2021-08-18') });
    const first = await syncSource('ofac-sdn', opts(db));
    expect(first).toMatchObject({ status: 'APPLIED', editionDate: '2021-08-18', attempts: 1 });
    expect(first.created).toBeGreaterThan(9000);
    expect(await editions()).toEqual(['2021-08-18']);
    const src = await sources();
    expect(src.editionDate?.toISOString().slice(0, 10)).toBe('2021-08-18');
    expect(src.entries).toBe(first.created);
    expect(src.checksum).toMatch(/^[0-9a-f]{64}$/);
    expect(src.lastChangeAt).not.toBeNull();
    const run = await db.syncRun.findUniqueOrThrow({ where: { id: first.syncRunId! } });
    expect(run).toMatchObject({ status: 'APPLIED', trigger: 'manual', httpStatus: 200, importRunId: first.importRunId, checksum: src.checksum });

    // The same edition again: one conditional request, answered 304, nothing else.
    const before = await fresh.counts();
    pub.resetLog();
    const again = await syncSource('ofac-sdn', opts(db));
    expect(again.status).toBe('NOT_MODIFIED');
    expect(pub.requests).toEqual([expect.objectContaining({ path: '/sdn.csv', status: 304, ifNoneMatch: expect.stringMatching(/^"/) })]);
    expect(await fresh.counts()).toEqual(before);

    // A new ETag for the same bytes: downloaded, found unchanged by its checksum, not imported.
    pub.setEtag('/sdn.csv', '"re-exported"');
    const same = await syncSource('ofac-sdn', opts(db));
    expect(same).toMatchObject({ status: 'UNCHANGED', importRunId: null });
    expect(await fresh.counts()).toEqual(before);
    expect((await sources()).validators).toEqual({ [pub.url('/sdn.csv')]: { etag: '"re-exported"', lastModified: evening('2021-08-18').toUTCString() } });
  });

  it('applies nothing on any fault of the corpus, retries each one, and shows the error on the source', async () => {
    pub.publish('/sdn.csv', sdn('2022-01-05'), { lastModified: evening('2022-01-05') });
    const cases: Array<[PublisherFault, number, RegExp]> = [
      ['timeout', 2, /no answer within 0\.5 s/],
      ['503', 2, /HTTP 503/],
      ['truncated', 2, /truncated/],
      // Every fault of the list is retried, content faults too (a front end's passing error page).
      ['redirect-html', 2, /HTML page/],
      ['wrong-type', 2, /unexpected Content-Type application\/pdf/],
      ['empty', 2, /the file is empty/],
    ];
    for (const [fault, attempts, error] of cases) {
      const before = await fresh.counts();
      const failedImports = await fresh.count(`SELECT count(*) FROM import_run WHERE status = 'FAILED'`);
      pub.fault('/sdn.csv', fault);
      const out = await syncSource('ofac-sdn', opts(db));
      pub.clearFaults();
      expect(out, fault).toMatchObject({ status: 'FAILED', attempts });
      expect(out.error, fault).toMatch(error);
      expect(out.error, fault).toMatch(/Nothing was applied/);
      expect(await fresh.counts(), fault).toEqual(before);
      const src = await sources();
      expect(src.lastError, fault).toBe(out.error);
      expect(src.editionDate?.toISOString().slice(0, 10), fault).toBe('2021-08-18');
      expect(await db.syncRun.findUniqueOrThrow({ where: { id: out.syncRunId! } }), fault).toMatchObject({ status: 'FAILED', attempts, error: out.error });
      // … and in the import history.
      expect(await fresh.count(`SELECT count(*) FROM import_run WHERE status = 'FAILED'`), fault).toBe(failedImports + 1);
    }

    // 503 once, then the file: the retry applies the edition.
    pub.fault('/sdn.csv', '503', 1);
    const retried = await syncSource('ofac-sdn', opts(db));
    expect(retried).toMatchObject({ status: 'APPLIED', editionDate: '2022-01-05', attempts: 2 });
    expect(await editions()).toEqual(['2021-08-18', '2022-01-05']);
    // What the sync recorded as changed is the difference of the two files, read here from their rows.
    const [a, b] = [rowsOf(sdn('2021-08-18')), rowsOf(sdn('2022-01-05'))];
    const log = await fresh.query<{ kind: string; key: string }>(`SELECT DISTINCT kind::text AS kind, source_key AS key FROM list_change WHERE import_run_id = $1`, [retried.importRunId]);
    const keys = (kind: string) => log.filter((r) => r.kind === kind).map((r) => r.key).sort();
    expect(keys('LISTED')).toEqual([...b.keys()].filter((k) => !a.has(k)).sort());
    expect(keys('LIFTED')).toEqual([...a.keys()].filter((k) => !b.has(k)).sort());
    expect(keys('AMENDED')).toEqual([...b.keys()].filter((k) => a.has(k) && a.get(k) !== b.get(k)).sort());
  });

  it('refuses an older edition (the loader), writing nothing', async () => {
    pub.publish('/sdn.csv', sdn('2021-08-18'), { lastModified: evening('2021-08-18'), etag: '"rolled-back"' });
    const before = await fresh.counts();
    const out = await syncSource('ofac-sdn', opts(db));
    expect(out.status).toBe('REFUSED');
    expect(out.error).toMatch(/edition of 2021-08-18, older than what the database holds/);
    expect(await fresh.counts()).toEqual(before);
    expect((await sources()).lastError).toBe(out.error);
  });

  it('skips a source another replica holds, and takes over the lease of a crashed one', async () => {
    pub.publish('/sdn.csv', sdn('2022-01-05'), { lastModified: evening('2022-01-05') });
    await fresh.query(`UPDATE list_source SET lease_owner = 'replica-x#0badf00d', lease_until = (now() AT TIME ZONE 'utc') + interval '1 minute' WHERE id = 'ofac-sdn'`);
    const runs = await db.syncRun.count();
    const held = await syncSource('ofac-sdn', opts(db));
    expect(held).toMatchObject({ status: 'SKIPPED', heldBy: 'replica-x', syncRunId: null });
    expect(await db.syncRun.count()).toBe(runs);

    // The holder crashed: its lease ran out, the next runner syncs and releases.
    await fresh.query(`UPDATE list_source SET lease_until = (now() AT TIME ZONE 'utc') - interval '1 minute' WHERE id = 'ofac-sdn'`);
    const taken = await syncSource('ofac-sdn', opts(db));
    expect(taken.status).toBe('NOT_MODIFIED');
    expect(await sources()).toMatchObject({ leaseOwner: null, leaseUntil: null });
  });

  it('two replicas syncing at once apply a new edition once', async () => {
    pub.publish('/sdn.csv', sdn('2022-07-06'), { lastModified: evening('2022-07-06') });
    const a = connectDatabase(fresh.url);
    const b = connectDatabase(fresh.url);
    try {
      const outcomes = await Promise.all([syncSource('ofac-sdn', opts(a, { runner: 'replica-a' })), syncSource('ofac-sdn', opts(b, { runner: 'replica-b' }))]);
      expect(outcomes.filter((o) => o.status === 'APPLIED')).toHaveLength(1);
      // The other found it held, or (had it come after) already applied.
      expect(outcomes.map((o) => o.status).sort()).toEqual([expect.stringMatching(/^(NOT_MODIFIED|SKIPPED)$/), 'APPLIED'].sort());
      expect(await editions()).toEqual(['2021-08-18', '2022-01-05', '2022-07-06']);
      expect(await fresh.count(`SELECT count(*) FROM import_run WHERE status = 'APPLIED' AND report->>'editionDate' = '2022-07-06'`)).toBe(1);
    } finally {
      await Promise.all([a.$disconnect(), b.$disconnect()]);
    }
  });

  it('catches a missed run up once after a restart, and not again on the next start', async () => {
    const now = new Date();
    await db.listSource.update({ where: { id: 'ofac-sdn' }, data: { nextRunAt: new Date(now.getTime() - 3 * 86_400_000) } });
    const start = () => startSyncScheduler({ db, runner: 'restarted', policy: FAST, log: () => undefined, refreshMs: 3_600_000 });
    const first = start();
    await first.ready;
    expect(first.jobs()).toEqual(new Map([['ofac-sdn', '0 3 * * *']]));
    await first.stop();
    const catchUps = () => db.syncRun.count({ where: { sourceId: 'ofac-sdn', trigger: 'catch-up' } });
    expect(await catchUps()).toBe(1);
    const next = (await sources()).nextRunAt!;
    expect(next.getTime()).toBeGreaterThan(now.getTime());
    expect(next.toISOString()).toMatch(/T03:00:00\.000Z$/);

    const second = start();
    await second.ready;
    await second.stop();
    expect(await catchUps()).toBe(1);
  });

  it('runs a source on its schedule as the admin set it (a job per enabled source)', async () => {
    // Every second (croner's seconds field), so the job's first tick comes at once; awaited, not slept.
    await db.listSource.update({ where: { id: 'ofac-sdn' }, data: { schedule: '* * * * * *' } });
    let fired: (o: SyncOutcome) => void = () => undefined;
    const tick = new Promise<SyncOutcome>((resolve) => (fired = resolve));
    const scheduler = startSyncScheduler({ db, runner: 'ticking', policy: FAST, log: () => undefined, refreshMs: 3_600_000, afterRun: (o) => fired(o) });
    try {
      await scheduler.ready;
      expect(scheduler.jobs().get('ofac-sdn')).toBe('* * * * * *');
      expect(await tick).toMatchObject({ sourceId: 'ofac-sdn', status: 'NOT_MODIFIED' });
    } finally {
      await scheduler.stop();
    }
    expect(await db.syncRun.count({ where: { sourceId: 'ofac-sdn', trigger: 'schedule', runner: 'ticking' } })).toBeGreaterThanOrEqual(1);
  });
});

describe('the EU policy: no EU listing counted twice', () => {
  let fresh: FreshDb;
  let db: PrismaClient;
  let pub: Publisher;
  const fsf = readFileSync(path.join(ROOT, 'test/fixtures/constructed/eu-fsf.xml'));

  beforeAll(async () => {
    fresh = await freshImportDatabase('st_sync_eu');
    db = connectDatabase(fresh.url);
    pub = await startPublisher();
    await createSource(db, 'eu-fsf', { format: 'eu-xml', urls: [pub.url('/fsf.xml')], editionDateFrom: 'file' });
  });
  afterAll(async () => {
    await pub?.close();
    await db?.$disconnect();
    await fresh?.drop();
  });

  it('syncs the FSF on a database without annex listings (dry run first; two replicas apply it once)', async () => {
    pub.publish('/fsf.xml', fsf, { lastModified: new Date('2026-05-01T08:00:00Z') });
    const before = await fresh.counts();
    const dry = await syncSource('eu-fsf', opts(db, { dryRun: true }));
    expect(dry).toMatchObject({ status: 'DRY_RUN', created: 2 });
    expect(await fresh.counts()).toEqual(before);
    expect(await db.listSource.findUniqueOrThrow({ where: { id: 'eu-fsf' } })).toMatchObject({ checksum: null, validators: null, lastCheckAt: null });

    const a = connectDatabase(fresh.url);
    const b = connectDatabase(fresh.url);
    try {
      const outcomes = await Promise.all([syncSource('eu-fsf', opts(a, { runner: 'replica-a' })), syncSource('eu-fsf', opts(b, { runner: 'replica-b' }))]);
      expect(outcomes.filter((o) => o.status === 'APPLIED')).toEqual([expect.objectContaining({ editionDate: '2026-05-01', created: 2 })]);
    } finally {
      await Promise.all([a.$disconnect(), b.$disconnect()]);
    }
    expect(await fresh.count(`SELECT count(*) FROM designation WHERE origin = 'eu-fsf'`)).toBe(2);
  });

  it('refuses the FSF on a database holding EU listings from the annex CSVs, fetching and writing nothing', async () => {
    await runImport({ format: 'eu-csv', files: [path.join(ROOT, 'data/eu/32023R1529.csv')], actor, db, editionDate: '2026-07-30', resolve: false });
    pub.publish('/fsf.xml', fsf.toString('utf8').replace('generationDate="2026-05-01', 'generationDate="2026-05-08'), { lastModified: new Date('2026-05-08T08:00:00Z') });
    const before = await fresh.counts();
    pub.resetLog();
    const out = await syncSource('eu-fsf', opts(db));
    expect(out).toMatchObject({ status: 'REFUSED', error: EU_FSF_REFUSED });
    expect(out.error).toMatch(/counted twice/);
    expect(pub.count()).toBe(0);
    expect(await fresh.counts()).toEqual(before);
    expect((await db.listSource.findUniqueOrThrow({ where: { id: 'eu-fsf' } })).lastError).toBe(EU_FSF_REFUSED);
  });
});

describe('a set of files applied as one unit (SDN.CSV + ADD.CSV + ALT.CSV)', () => {
  let fresh: FreshDb;
  let db: PrismaClient;
  let pub: Publisher;
  // Real rows: the first three entries of the 2021-08-18 edition and their addresses and aliases.
  const lines = (file: string, n: number) => readFileSync(path.join(ROOT, file), 'utf8').split('\r\n').slice(0, n).map((l) => `${l}\r\n`).join('');

  beforeAll(async () => {
    fresh = await freshImportDatabase('st_sync_set');
    db = connectDatabase(fresh.url);
    pub = await startPublisher();
    await createSource(db, 'ofac-sdn', { format: 'ofac-sdn-csv', urls: ['/SDN.CSV', '/ADD.CSV', '/ALT.CSV'].map(pub.url), editionDateFrom: 'last-modified' });
  });
  afterAll(async () => {
    await pub?.close();
    await db?.$disconnect();
    await fresh?.drop();
  });

  it('is dated by the newest Last-Modified of the set; one changed file brings the whole set again', async () => {
    pub.publish('/SDN.CSV', lines('data/ofac-sdn/editions/sdn-2021-08-18.csv', 3), { lastModified: new Date('2026-06-01T20:00:00Z') });
    pub.publish('/ADD.CSV', lines('data/ofac-sdn/add-alt-2026/add.csv', 3), { lastModified: new Date('2026-06-01T20:00:00Z') });
    pub.publish('/ALT.CSV', lines('data/ofac-sdn/add-alt-2026/alt.csv', 2), { lastModified: new Date('2026-06-02T01:00:00Z') });
    const first = await syncSource('ofac-sdn', opts(db));
    expect(first).toMatchObject({ status: 'APPLIED', editionDate: '2026-06-02', created: 3 });
    expect(await fresh.count(`SELECT count(*) FROM entity_alias`)).toBeGreaterThanOrEqual(2);

    // Only ALT.CSV changed: three conditional requests (two 304), then the two unchanged files again.
    pub.publish('/ALT.CSV', lines('data/ofac-sdn/add-alt-2026/alt.csv', 3), { lastModified: new Date('2026-06-03T20:00:00Z') });
    pub.resetLog();
    const second = await syncSource('ofac-sdn', opts(db));
    expect(second).toMatchObject({ status: 'APPLIED', editionDate: '2026-06-03', changed: 1 });
    expect(pub.requests.map((r) => `${r.path} ${r.status}`)).toEqual(['/SDN.CSV 304', '/ADD.CSV 304', '/ALT.CSV 200', '/SDN.CSV 200', '/ADD.CSV 200']);
    const run = await db.importRun.findUniqueOrThrow({ where: { id: second.importRunId! } });
    expect(run.fileName).toBe('sdn.csv, add.csv, alt.csv');
  });
});
