// One CSV cell, safe for spreadsheets: a cell a spreadsheet would run as a formula (= + - @, tab or
// CR at the start) gets a leading apostrophe; quotes, commas and line breaks are quoted. A plain
// negative number ("-2", the net of a bin) is a number, not a formula: it stays a number.
// NOTE: `startsLikeFormula` is the one definition of "a formula prefix": the import's text-safety
// check (lib/security/text-safety.ts) flags the same values this defuses.
const FORMULA_PREFIX = /^[=+\-@\t\r]/;
const NEGATIVE_NUMBER = /^-\d+(\.\d+)?$/;

/** Would a spreadsheet run this value as a formula? (A plain negative number is a number.) */
export function startsLikeFormula(value: string): boolean {
  return FORMULA_PREFIX.test(value) && !NEGATIVE_NUMBER.test(value);
}

export function csvCell(value: string | null | undefined): string {
  let v = value ?? '';
  if (startsLikeFormula(v)) v = `'${v}`;
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}
