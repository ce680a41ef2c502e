// One CSV cell, safe for spreadsheets: a cell a spreadsheet would run as a formula (= + - @, tab or
// CR at the start) gets a leading apostrophe; quotes, commas and line breaks are quoted.
export function csvCell(value: string | null | undefined): string {
  let v = value ?? '';
  if (/^[=+\-@\t\r]/.test(v)) v = `'${v}`;
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}
