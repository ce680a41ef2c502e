// The change log (issue 27): two real OFAC editions imported in a row on an empty database. The
// first is the baseline (nothing recorded); the second's changes must equal the difference of the
// two files, computed here independently from the raw CSV rows: entries added → LISTED, entries
// gone → LIFTED, entries whose row differs → AMENDED, and nothing else.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { freshImportDatabase, type FreshDb } from '../../import/testing';
import { runImport } from '../../import/run';
import { connectDatabase } from '../imports';
import { systemActor } from '../audit';
import type { PrismaClient } from '../generated/client';

const DIR = path.join(import.meta.dirname, '../../../data/ofac-sdn/editions');
const FIRST = path.join(DIR, 'sdn-2021-08-18.csv');
const SECOND = path.join(DIR, 'sdn-2022-01-05.csv');

/** ent_num → the row as the file has it (whitespace-trimmed cells). */
function rows(file: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const r of parse(readFileSync(file), { relaxQuotes: true, relaxColumnCount: true }) as string[][]) {
    if (!r[0] || !/^\d+$/.test(r[0].trim())) continue;
    out.set(r[0].trim(), JSON.stringify(r.map((c) => c.trim())));
  }
  return out;
}

let db: FreshDb;
let orm: PrismaClient;

beforeAll(async () => {
  db = await freshImportDatabase('st_changes');
  orm = connectDatabase(db.url);
}, 180_000);
afterAll(async () => {
  await orm?.$disconnect();
  await db?.drop();
});

describe('the change log of an applied import', () => {
  it('records nothing for a list’s first edition, then exactly the difference of the next one', async () => {
    const first = await runImport({ format: 'ofac-sdn-csv', files: [FIRST], actor: systemActor('test'), db: orm, editionDate: '2021-08-18' });
    expect(first.report.changes).toEqual({ recorded: 0, baseline: true });
    expect(await db.count('SELECT count(*) FROM list_change')).toBe(0);

    const second = await runImport({ format: 'ofac-sdn-csv', files: [SECOND], actor: systemActor('test'), db: orm, editionDate: '2022-01-05' });
    expect(second.report.changes?.baseline).toBe(false);

    const a = rows(FIRST);
    const b = rows(SECOND);
    const added = [...b.keys()].filter((k) => !a.has(k)).sort();
    const gone = [...a.keys()].filter((k) => !b.has(k)).sort();
    const differ = [...b.keys()].filter((k) => a.has(k) && a.get(k) !== b.get(k)).sort();
    expect(added.length).toBeGreaterThan(100);
    expect(gone.length).toBeGreaterThan(10);

    const log = await db.query<{ kind: string; source_key: string; run: string; edition: string; entity_ok: boolean; authority: string | null }>(
      `SELECT c.kind::text AS kind, c.source_key, c.import_run_id AS run, c.edition_date::text AS edition, c.authority_id AS authority,
         EXISTS (SELECT 1 FROM entity e WHERE e.id = c.entity_id) AS entity_ok FROM list_change c`,
    );
    const keysOf = (kind: string) => [...new Set(log.filter((r) => r.kind === kind).map((r) => r.source_key))].sort();
    expect(keysOf('LISTED')).toEqual(added);
    expect(keysOf('LIFTED')).toEqual(gone);
    expect(keysOf('AMENDED')).toEqual(differ);
    expect(keysOf('RELISTED')).toEqual([]);
    // One LISTED and at most one LIFTED row per entry; every row names its run, edition and a live entity.
    expect(log.filter((r) => r.kind === 'LISTED')).toHaveLength(added.length);
    expect(log.filter((r) => r.kind === 'LIFTED')).toHaveLength(gone.length);
    expect(new Set(log.map((r) => r.run))).toEqual(new Set([second.runId]));
    expect(new Set(log.map((r) => r.edition))).toEqual(new Set(['2022-01-05']));
    expect(log.every((r) => r.entity_ok)).toBe(true);
    expect(new Set(log.map((r) => r.authority))).toEqual(new Set(['US-OFAC']));
    expect(second.report.changes?.recorded).toBe(log.length);

    // An amendment says what changed, before → after, as the lists state it.
    const [amended] = await db.query<{ fields: Record<string, { from: unknown; to: unknown }> }>(
      `SELECT fields FROM list_change WHERE kind = 'AMENDED' AND target_type = 'Entity' ORDER BY id LIMIT 1`,
    );
    const [field, change] = Object.entries(amended!.fields)[0]!;
    expect(field).toBeTruthy();
    expect(change.from).not.toEqual(change.to);

    // Applied again, the same edition changes nothing and records nothing more.
    const again = await runImport({ format: 'ofac-sdn-csv', files: [SECOND], actor: systemActor('test'), db: orm, editionDate: '2022-01-05' });
    expect(again.created + again.changed + again.lifted).toBe(0);
    expect(await db.count('SELECT count(*) FROM list_change')).toBe(log.length);
  }, 180_000);
});
