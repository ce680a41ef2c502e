// The malformed-file corpus (test/fixtures/malformed/README.md): every case fails with a clear error
// naming the problem and the line, and leaves the database exactly as it was. Plus the CLI's
// contract, and an import killed half-way that leaves nothing behind.
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PrismaClient } from '../db/generated/client';
import { connectDatabase } from '../db/imports';
import { systemActor } from '../db/audit';
import { runImport } from './run';
import { freshImportDatabase, type FreshDb } from './testing';
import type { ImportFormat } from './types';

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
  await runImport({ format: 'eu-csv', files: [path.resolve('data/eu/32023R1529.csv')], actor, db });
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
    const ok = await cli(['--format', 'eu-csv', 'data/eu/32023R1529.csv'], fresh.url);
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
