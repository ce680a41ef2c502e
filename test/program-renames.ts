// Test support: which rows of data/ofac-sdn/sdn-program-changes.csv are program RENAMES (every added
// program is the sourced successor of a removed one, data/programs/successions.csv) — not
// designations (issue 23). Read straight from the CSVs, not through the seed's planning code.
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';

const renames = new Set(
  (parse(readFileSync('data/programs/successions.csv'), { columns: true, skip_empty_lines: true }) as Array<Record<string, string>>)
    .filter((r) => r.kind === 'rename')
    .map((r) => `${r.from_code}>${r.to_code}`),
);
const split = (v: string | undefined) => (v ?? '').split(';').filter(Boolean);

export function isRenameRow(c: Record<string, string | undefined>): boolean {
  const added = split(c.programs_added);
  return added.length > 0 && added.every((a) => split(c.programs_removed).some((r) => renames.has(`${r}>${a}`)));
}
