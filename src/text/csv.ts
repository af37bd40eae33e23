/** CSV text (RFC 4180) that a spreadsheet opens as data: quoted where needed, no cell read as a formula. */

/** Cells a spreadsheet would run as a formula start with one of these (a tab or return too, after trimming). */
const FORMULA_START = /^[=+\-@\t\r]/;

/** One cell: a leading formula character gets a `'` before it, and a cell with `,`, `"` or a line break is quoted. */
export function csvCell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (typeof value === 'string' && FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A header line and one line per row, each ended by CRLF as RFC 4180 writes them. */
export function csvText(
  header: readonly string[],
  rows: ReadonlyArray<ReadonlyArray<string | number | boolean | null | undefined>>,
): string {
  return [header, ...rows].map((row) => `${row.map(csvCell).join(',')}\r\n`).join('');
}
