/** The few reads the web needs that the Catalog class does not offer; every value bound, never spliced into SQL. */
import type { Db } from '../catalog/schema.js';
import type { IndicatorRef } from './links.js';

export interface EquivalentIndicator extends IndicatorRef {
  count: number;
  byLanguage: Record<string, number>;
}

/** The other indicators of an equivalence class (`image ends_with \x.exe` ~ `process name eq x.exe`), most shared first. */
export function equivalentIndicators(
  db: Db,
  equivalence: string,
  self: IndicatorRef,
  limit = 50,
): EquivalentIndicator[] {
  const rows = db
    .prepare(
      `SELECT kind, canonical, op, value, count, by_language FROM indicator_counts
       WHERE equivalence = ? AND NOT (kind = ? AND canonical = ? AND op = ? AND value = ?)
       ORDER BY count DESC, canonical, op, value LIMIT ?`,
    )
    .all(equivalence, self.kind, self.canonical, self.op, self.value, limit) as Array<
    Record<string, unknown>
  >;
  return rows.map((r) => ({
    kind: r.kind as string,
    canonical: r.canonical as string,
    op: r.op as string,
    value: r.value as string,
    count: r.count as number,
    byLanguage: JSON.parse(r.by_language as string) as Record<string, number>,
  }));
}

/** How rules write the fields of an indicator (`Image`, `process.executable`, `FolderPath`), with how often. */
export function indicatorFieldNames(
  db: Db,
  ind: IndicatorRef,
): Array<{ field: string; language: string; count: number }> {
  return db
    .prepare(
      `SELECT field, language, COUNT(DISTINCT rule) AS count FROM indicators
       WHERE canonical = ? AND op = ? AND value = ? AND kind = ? AND field IS NOT NULL
       GROUP BY field, language ORDER BY count DESC, field LIMIT 30`,
    )
    .all(ind.canonical, ind.op, ind.value, ind.kind) as Array<{
    field: string;
    language: string;
    count: number;
  }>;
}

export interface RuleProblem {
  key: string;
  title: string;
  language: string | null;
  format: string;
  path: string;
  diagnostics: Array<{ severity: string; message: string; line: number; column: number }>;
}

/** Rules of a source that carry diagnostics, errors first, with the diagnostics themselves. */
export function sourceRuleProblems(db: Db, source: string, limit = 1000): RuleProblem[] {
  const rows = db
    .prepare(
      `SELECT r.key, r.title, r.language, r.format, f.path, r.diagnostics FROM rules r
       JOIN sources s ON s.id = r.source_id JOIN files f ON f.id = r.file_id
       WHERE s.name = ? AND r.diagnostics <> '[]' ORDER BY r.errors = 0, f.path, r.key LIMIT ?`,
    )
    .all(source, limit) as Array<Record<string, unknown>>;
  return rows.map((r) => ({
    key: r.key as string,
    title: r.title as string,
    language: r.language as string | null,
    format: r.format as string,
    path: r.path as string,
    diagnostics: JSON.parse(r.diagnostics as string),
  }));
}

export interface FileProblem {
  path: string;
  format: string | null;
  diagnostics: Array<{ severity: string; message: string; line: number; column: number }>;
}

/** Files of a source with file-level diagnostics (unreadable, binary, too large, not a rule). */
export function sourceFileProblems(db: Db, source: string, limit = 500): FileProblem[] {
  const rows = db
    .prepare(
      `SELECT f.path, f.format, f.diagnostics FROM files f JOIN sources s ON s.id = f.source_id
       WHERE s.name = ? AND f.diagnostics <> '[]' ORDER BY f.path LIMIT ?`,
    )
    .all(source, limit) as Array<Record<string, unknown>>;
  return rows.map((r) => ({
    path: r.path as string,
    format: r.format as string | null,
    diagnostics: JSON.parse(r.diagnostics as string),
  }));
}

/** Rule counts of a source by format and language together, for the source page's table. */
export function sourceFormatLanguages(
  db: Db,
  source: string,
): Array<{ format: string; language: string; rules: number; parsed: number }> {
  return db
    .prepare(
      `SELECT r.format, COALESCE(r.language, 'none') AS language, COUNT(*) AS rules, SUM(r.parsed) AS parsed
       FROM rules r JOIN sources s ON s.id = r.source_id WHERE s.name = ? GROUP BY 1, 2 ORDER BY 3 DESC`,
    )
    .all(source) as Array<{ format: string; language: string; rules: number; parsed: number }>;
}
