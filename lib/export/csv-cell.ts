// One CSV cell, safe for spreadsheets: a cell a spreadsheet would run as a formula (= + - @, tab or
// CR at the start) gets a leading apostrophe; quotes, commas and line breaks are quoted. A plain
// negative number ("-2", the net of a bin) is a number, not a formula: it stays a number.
export function csvCell(value: string | null | undefined): string {
  let v = value ?? '';
  if (/^[=+\-@\t\r]/.test(v) && !/^-\d+(\.\d+)?$/.test(v)) v = `'${v}`;
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}
