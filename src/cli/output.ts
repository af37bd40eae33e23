/** Command output: one JSON document with --json, aligned text otherwise; errors to stderr. */

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

export function print(line = ''): void {
  process.stdout.write(`${line}\n`);
}

/** Prints rows as columns padded to their widest cell. */
export function printTable(header: string[], rows: Array<Array<string | number>>): void {
  const cells = [header, ...rows.map((r) => r.map(String))];
  const widths = header.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length)));
  for (const r of cells) print(r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]))).join('  '));
}

export function percent(part: number, whole: number): string {
  return whole === 0 ? '-' : `${((100 * part) / whole).toFixed(1)}%`;
}

/** A usage problem: printed and exit code 2. */
export class UsageError extends Error {}

/** A problem with the user's files or machine (no catalog, a busy port): printed, no stack, exit code 1. */
export class UserError extends Error {}

/** Rules, parsed and errors per language, as `ingest` and `stats` print them. */
export function printLanguageTable(
  byLanguage: Record<string, { rules: number; parsed: number; errors: number }>,
): void {
  printTable(
    ['language', 'rules', 'parsed', 'errors', 'parsed %'],
    Object.entries(byLanguage).map(([l, s]) => [l, s.rules, s.parsed, s.errors, percent(s.parsed, s.rules)]),
  );
}
