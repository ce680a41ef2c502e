// Reading the reference data shipped in data/ (copied from the team's shared data, with provenance
// in data/README.md). Seeds read only from here, never from outside the repository.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';

export const DATA_DIR = path.resolve(process.env.SEED_DATA_DIR ?? 'data');

export function dataPath(...parts: string[]): string {
  return path.join(DATA_DIR, ...parts);
}

export function readCsv<T extends Record<string, string>>(...parts: string[]): T[] {
  return parse(readFileSync(dataPath(...parts)), { columns: true, skip_empty_lines: true, bom: true }) as T[];
}

export function readJson<T>(...parts: string[]): T {
  return JSON.parse(readFileSync(dataPath(...parts), 'utf8')) as T;
}

export function readText(...parts: string[]): string {
  return readFileSync(dataPath(...parts), 'utf8');
}
