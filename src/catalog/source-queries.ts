/** One source as its page shows it: rule counts by format and language, and every rule or file with diagnostics. */
import type { Db } from './schema.js';
import { sourceStats } from './stats.js';
import type { DeprecatedRule, FileProblem, FormatLanguageCount, RuleProblem, SourceView } from './views.js';
import { isDeprecated } from '../knowledge/rules/lifecycle.js';

/** Rule counts of a source by format and language together. */
function formatLanguages(db: Db, source: string): FormatLanguageCount[] {
  return db
    .prepare(
      `SELECT r.format, COALESCE(r.language, 'none') AS language, COUNT(*) AS rules, SUM(r.parsed) AS parsed
       FROM rules r JOIN sources s ON s.id = r.source_id WHERE s.name = ? GROUP BY 1, 2 ORDER BY 3 DESC`,
    )
    .all(source) as FormatLanguageCount[];
}

/** Rules of a source that carry diagnostics, errors first, with the diagnostics themselves. */
function ruleProblems(db: Db, source: string, limit: number): RuleProblem[] {
  const rows = db
    .prepare(
      `SELECT r.key, r.title, r.language, r.format, r.status, f.path, r.diagnostics FROM rules r
       JOIN sources s ON s.id = r.source_id JOIN files f ON f.id = r.file_id
       WHERE s.name = ? AND r.diagnostics <> '[]' ORDER BY r.errors = 0, f.path, r.key LIMIT ?`,
    )
    .all(source, limit) as Array<Omit<RuleProblem, 'diagnostics'> & { diagnostics: string }>;
  return rows.map((r) => ({ ...r, diagnostics: JSON.parse(r.diagnostics) }));
}

/** Rules of a source its repository keeps only for the record (by status or folder), by path. */
function deprecatedRules(db: Db, source: string, limit: number): { total: number; rules: DeprecatedRule[] } {
  const rows = db
    .prepare(
      `SELECT r.key, r.title, r.status, f.path FROM rules r
       JOIN sources s ON s.id = r.source_id JOIN files f ON f.id = r.file_id
       WHERE s.name = ? ORDER BY f.path, r.key`,
    )
    .all(source) as DeprecatedRule[];
  const all = rows.filter(isDeprecated);
  return { total: all.length, rules: all.slice(0, limit) };
}

/** Files of a source with file-level diagnostics (unreadable, binary, too large, not a rule). */
function fileProblems(db: Db, source: string, limit: number): FileProblem[] {
  const rows = db
    .prepare(
      `SELECT f.path, f.format, f.diagnostics FROM files f JOIN sources s ON s.id = f.source_id
       WHERE s.name = ? AND f.diagnostics <> '[]' ORDER BY f.path LIMIT ?`,
    )
    .all(source, limit) as Array<Omit<FileProblem, 'diagnostics'> & { diagnostics: string }>;
  return rows.map((r) => ({ ...r, diagnostics: JSON.parse(r.diagnostics) }));
}

/** Long lists stop here: a source with thousands of broken rules is better narrowed by search. */
const MAX_RULE_PROBLEMS = 1000;
const MAX_FILE_PROBLEMS = 500;

export function sourceView(db: Db, name: string): SourceView | undefined {
  const [source] = sourceStats(db, [name]);
  if (!source) return undefined;
  return {
    source,
    formats: formatLanguages(db, name),
    rulesWithDiagnostics: ruleProblems(db, name, MAX_RULE_PROBLEMS),
    deprecated: deprecatedRules(db, name, MAX_RULE_PROBLEMS),
    filesWithDiagnostics: fileProblems(db, name, MAX_FILE_PROBLEMS),
  };
}
