// The loader's own contract, on small constructed FtM files: additive entity changes with their
// audit diffs, duplicate keys refused with their line, and the after-apply hook (inside the
// transaction, with the run id; never in a dry run; a failing step leaves nothing behind).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PrismaClient } from './generated/client';
import pg from 'pg';
import { IMPORT_LOCK_KEY, connectDatabase, loadImport, type AfterApplyStep } from './imports';
import { pgConfigFromUrl } from './url';
import { systemActor } from './audit';
import { parseFiles } from '../import/run';
import { emptyReport } from '../import/types';
import { freshImportDatabase, type FreshDb } from '../import/testing';
import { runImport } from '../import/run';
import { startEmbeddedDatabase } from './embedded';
import { applyMigrations } from './migrations';

const actor = systemActor('test:loader');
let fresh: FreshDb;
let db: PrismaClient;
let dir: string;

const company = (id: string, props: Record<string, string[]>) => JSON.stringify({ id, schema: 'Company', properties: { name: ['Acme Drones LLC'], ...props } });
const sanction = (id: string, entity: string) => JSON.stringify({ id, schema: 'Sanction', properties: { entity: [entity], country: ['us'], authority: ['Office of Foreign Assets Control'], program: ['IRAN'], listingDate: ['2023-02-03'] } });

function file(name: string, lines: string[]): string {
  const f = path.join(dir, name);
  writeFileSync(f, `${lines.join('\n')}\n`);
  return f;
}

async function load(f: string, extra: { dryRun?: boolean; afterApply?: AfterApplyStep[] } = {}) {
  const report = emptyReport();
  const parsed = parseFiles('ftm', [f], { report });
  return loadImport(parsed.records, parsed.liftScope, { db, actor, format: 'ftm', files: [{ name: path.basename(f), sha256: '0'.repeat(64), bytes: 1 }], dryRun: extra.dryRun ?? false, editionDate: () => null, report, afterApply: extra.afterApply });
}

beforeAll(async () => {
  fresh = await freshImportDatabase('st_loader');
  db = connectDatabase(fresh.url);
  dir = mkdtempSync(path.join(tmpdir(), 'loader-'));
}, 180_000);
afterAll(async () => {
  await db?.$disconnect();
  await fresh?.drop();
});

describe('the import loader', () => {
  it('adds what a newer record says to an existing entity, never narrows it, and audits the diff', async () => {
    const first = await load(file('a.ftm.json', [company('c1', { jurisdiction: ['ir'], registrationNumber: ['111'] }), sanction('s1', 'c1')]));
    expect(first).toMatchObject({ created: 2, changed: 0, unchanged: 0 });
    const second = await load(file('b.ftm.json', [company('c1', { name: ['Acme UAV Company'], jurisdiction: ['ae'], registrationNumber: ['222'] }), sanction('s1', 'c1')]));
    expect(second).toMatchObject({ created: 0, changed: 1, unchanged: 1 });
    const [e] = await fresh.query<{ name: string; countries: string[]; aliases: string[]; ids: string[] }>(
      `SELECT e.name, e.countries, ARRAY(SELECT a.name FROM entity_alias a WHERE a.entity_id = e.id ORDER BY 1) aliases, ARRAY(SELECT i.value FROM identifier i WHERE i.entity_id = e.id ORDER BY 1) ids FROM entity e`,
    );
    expect(e).toEqual({ name: 'Acme Drones LLC', countries: ['ae', 'ir'], aliases: ['Acme UAV Company'], ids: ['111', '222'] });
    const [audit] = await fresh.query<{ before: Record<string, unknown>; after: Record<string, unknown>; meta: { importRunId: string; key: string } }>(`SELECT before, after, meta FROM audit_event WHERE action = 'import.changed'`);
    expect(audit!.before.countries).toEqual(['ir']);
    expect(audit!.after).toMatchObject({ countries: ['ae', 'ir'], aliasesAdded: ['ALIAS: Acme UAV Company'], identifiersAdded: ['registrationNumber: 222'] });
    expect(audit!.meta).toMatchObject({ importRunId: second.runId, key: 'c1' });
    // Idempotent: the same file again changes nothing.
    expect(await load(file('b2.ftm.json', [company('c1', { name: ['Acme UAV Company'], jurisdiction: ['ae'], registrationNumber: ['222'] }), sanction('s1', 'c1')]))).toMatchObject({ changed: 0, unchanged: 2 });
  });

  it('refuses an entry that appears twice, naming the line of the second', async () => {
    const before = await fresh.counts();
    await expect(load(file('dup.ftm.json', [company('d1', {}), company('d2', {}), company('d1', {})]))).rejects.toThrow(/dup\.ftm\.json line 3: the entry d1 appears twice/);
    expect(await fresh.counts()).toEqual(before);
  });

  it('refuses to apply while another import holds the database, writes nothing, and applies once it is free', async () => {
    const other = new pg.Client(pgConfigFromUrl(fresh.url));
    await other.connect();
    const f = file('locked.ftm.json', [company('lock-co', { name: ['Locked Drone Parts'] })]);
    try {
      await other.query('SELECT pg_advisory_lock($1::bigint)', [IMPORT_LOCK_KEY]);
      const before = await fresh.counts();
      await expect(load(f)).rejects.toThrow(/another import is being applied to this database right now/);
      expect(await fresh.counts()).toEqual(before);
      // A dry run writes nothing, so it need not wait.
      expect(await load(f, { dryRun: true })).toMatchObject({ created: 1, dryRun: true });
      await other.query('SELECT pg_advisory_unlock($1::bigint)', [IMPORT_LOCK_KEY]);
      expect(await load(f)).toMatchObject({ created: 1, dryRun: false });
    } finally {
      await other.end();
    }
  });

  it('runs the after-apply steps inside the transaction with the run id, never in a dry run', async () => {
    const seen: Array<{ runId: string; runs: number; entities: number; origins: string[] }> = [];
    const step: AfterApplyStep = async (tx, run) => {
      // Both the ORM client and the raw connection see the rows of the open transaction.
      const runs = await tx.importRun.count({ where: { id: run.runId } });
      const { rows } = await run.sql.query<{ n: number }>(`SELECT count(*)::int n FROM external_id WHERE external_id = 'h1'`);
      seen.push({ runId: run.runId, runs, entities: rows[0]!.n, origins: run.origins });
    };
    const f = file('h.ftm.json', [company('h1', {}), sanction('hs1', 'h1')]);
    await load(f, { dryRun: true, afterApply: [step] });
    expect(seen).toEqual([]);
    const r = await load(f, { afterApply: [step] });
    expect(seen).toEqual([{ runId: r.runId, runs: 1, entities: 1, origins: ['opensanctions'] }]);

    const before = await fresh.counts();
    const failing: AfterApplyStep = async (tx) => {
      await tx.entity.updateMany({ data: { notes: 'written by the step' } });
      throw new Error('resolution failed');
    };
    await expect(load(file('h2.ftm.json', [company('h2', {})]), { afterApply: [failing] })).rejects.toThrow('resolution failed');
    expect(await fresh.counts()).toEqual(before);
    expect(await fresh.count(`SELECT count(*) FROM entity WHERE notes = 'written by the step'`)).toBe(0);
  });

  it("groups an import's listings of a day into that day's sanctions action, and moves them when a re-import re-dates them", async () => {
    const ofac = (id: string, entity: string, day: string) =>
      JSON.stringify({ id, schema: 'Sanction', properties: { entity: [entity], country: ['us'], authority: ['Office of Foreign Assets Control'], program: ['IRAN'], listingDate: [day] } });
    const lines = (day: string) => [company('g1', { name: ['Grouped One LLC'] }), company('g2', { name: ['Grouped Two LLC'] }), ofac('gs1', 'g1', '2024-06-03'), ofac('gs2', 'g2', day)];
    await load(file('g.ftm.json', lines('2024-06-03')));
    const actions = () => fresh.query<{ id: string; n: number; title: string }>(
      `SELECT a.id, a.title, count(d.id)::int AS n FROM sanctions_action a JOIN designation d ON d.action_id = a.id WHERE a.action_date >= '2024-01-01' GROUP BY 1, 2 ORDER BY 1`,
    );
    expect(await actions()).toEqual([{ id: 'g:US-OFAC:2024-06-03', title: 'US (OFAC): listings of 3 Jun 2024', n: 2 }]);
    await load(file('g2.ftm.json', lines('2024-06-04')));
    expect((await actions()).map((a) => [a.id, a.n])).toEqual([['g:US-OFAC:2024-06-03', 1], ['g:US-OFAC:2024-06-04', 1]]);
  });

  it('imports into the embedded database too (no COPY on its wire: batched INSERTs)', async () => {
    const embedded = await startEmbeddedDatabase({ dataDir: path.join(dir, 'pglite'), port: 20000 + Math.floor(Math.random() * 20000) });
    const client = connectDatabase(embedded.url);
    try {
      await applyMigrations(embedded.url);
      const files = [path.resolve('data/eu/32023R1529.csv')];
      expect(await runImport({ format: 'eu-csv', files, actor, db: client, editionDate: '2026-07-30' })).toMatchObject({ created: 49, changed: 0, unchanged: 0 });
      expect(await runImport({ format: 'eu-csv', files, actor, db: client, editionDate: '2026-07-30' })).toMatchObject({ created: 0, changed: 0, unchanged: 49 });
      expect(await client.designation.count({ where: { origin: 'eu-journal' } })).toBe(49);
    } finally {
      await client.$disconnect();
      await embedded.stop();
    }
  }, 300_000);
});
