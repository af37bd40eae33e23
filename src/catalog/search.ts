/** Catalog search: full text over title, description, query and tags, narrowed by facets; every value bound. */
import type { Db } from './schema.js';
import type { RuleSummary, SearchQuery, SearchResult } from './views.js';
import { NONE } from './filter-values.js';
import { searchFacets } from './search-facets.js';

export const SUMMARY_COLUMNS = `r.key, r.rule_id AS id, r.title, r.language, r.format, s.name AS source,
  f.path, r.severity, r.status, r.parsed`;

export function toSummary(row: Record<string, unknown>): RuleSummary {
  return { ...(row as unknown as RuleSummary), parsed: row.parsed === 1 || row.parsed === true };
}

/** Characters FTS5's unicode61 tokenizer keeps in a token (its categories L*, N*, Co); all others separate tokens. */
const TOKEN_CHARACTER = /[\p{L}\p{N}\p{Co}]/u;
/** What ends a word: blanks, control characters (SQLite would stop reading the query at a NUL) and quotes. */
const WORD_BREAK = /[\s\p{Cc}"]+/u;

/** The words of search text that can match something: a word of punctuation alone has no token to look for. */
function searchWords(text: string): string[] {
  return text.split(WORD_BREAK).filter((word) => TOKEN_CHARACTER.test(word));
}

/**
 * Free text as an FTS5 query: each word a quoted phrase, all required. Quotes and control characters only
 * separate words, so no FTS syntax from the user (operators, `*`, `^`, `column:`) reaches SQLite as syntax.
 */
export function ftsQuery(text: string): string | undefined {
  const phrases = searchWords(text).map((w) => `"${w}"`);
  return phrases.length ? phrases.join(' AND ') : undefined;
}

/** Why search text cannot be searched for (it has words, but none with a letter or digit), or undefined. */
export function searchTextProblem(text: string | undefined): string | undefined {
  if (text === undefined || text.trim() === '' || searchWords(text).length > 0) return undefined;
  return 'Search text needs a word with a letter or digit; quotes, punctuation and symbols alone match nothing';
}

/** Search text the catalog cannot turn into a query; its message says why (see searchTextProblem). */
export class UnsearchableText extends Error {}

interface Where {
  clauses: string[];
  params: unknown[];
}

function whereOf(q: SearchQuery): Where {
  const w: Where = { clauses: [], params: [] };
  const add = (clause: string, ...params: unknown[]): void => {
    w.clauses.push(clause);
    w.params.push(...params);
  };
  const problem = searchTextProblem(q.text);
  if (problem) throw new UnsearchableText(problem);
  const fts = q.text ? ftsQuery(q.text) : undefined;
  if (fts) add('r.id IN (SELECT rowid FROM rules_fts WHERE rules_fts MATCH ?)', fts);
  // `none` selects the rules without a value: the facet offers it for them.
  const valueOrNone = (column: string, value: string): void =>
    value.toLowerCase() === NONE ? add(`${column} IS NULL`) : add(`${column} = ? COLLATE NOCASE`, value);
  if (q.language) valueOrNone('r.language', q.language);
  if (q.source) add('r.source_id = (SELECT id FROM sources WHERE name = ?)', q.source);
  if (q.severity) valueOrNone('r.severity', q.severity);
  if (q.status) valueOrNone('r.status', q.status);
  if (q.technique?.toLowerCase() === NONE) add('r.id NOT IN (SELECT rule FROM rule_techniques)');
  else if (q.technique)
    add(
      'r.id IN (SELECT rule FROM rule_techniques WHERE technique = ? OR technique LIKE ?)',
      q.technique.toUpperCase(),
      `${q.technique.toUpperCase()}.%`,
    );
  if (q.tacticTechniques)
    add(
      `r.id IN (SELECT rule FROM rule_techniques WHERE technique IN (SELECT value FROM json_each(?)))`,
      JSON.stringify(q.tacticTechniques),
    );
  if (q.event)
    add(
      'r.id IN (SELECT rule FROM rule_events WHERE provider = ? COLLATE NOCASE OR event = ? COLLATE NOCASE)',
      q.event,
      q.event,
    );
  if (q.field || q.value || q.op)
    add(`r.id IN (SELECT rule FROM indicators i WHERE ${indicatorClause(q, w)})`);
  return w;
}

/** Field, value and op of an indicator filter; the field matches as written or through its taxonomy concept. */
function indicatorClause(q: SearchQuery, w: Where): string {
  const parts: string[] = [];
  if (q.field) {
    parts.push('(i.field = ? COLLATE NOCASE OR i.canonical = ?)');
    w.params.push(q.field, q.canonical ?? q.field.toLowerCase());
  }
  if (q.value) {
    parts.push('(i.value = ? OR i.value = ?)');
    w.params.push(q.value, q.value.toLowerCase());
  }
  if (q.op) {
    parts.push('i.op = ?');
    w.params.push(q.op);
  }
  return parts.join(' AND ');
}

const FROM = 'FROM rules r JOIN sources s ON s.id = r.source_id JOIN files f ON f.id = r.file_id';

export function searchRules(db: Db, q: SearchQuery): SearchResult {
  const w = whereOf(q);
  const where = w.clauses.length ? `WHERE ${w.clauses.join(' AND ')}` : '';
  const limit = Math.min(Math.max(q.limit ?? 50, 1), 500);
  const offset = Math.max(q.offset ?? 0, 0);
  const rows = db
    .prepare(
      `SELECT ${SUMMARY_COLUMNS} ${FROM} ${where} ORDER BY r.title COLLATE NOCASE, r.key LIMIT ? OFFSET ?`,
    )
    .all(...w.params, limit, offset) as Record<string, unknown>[];
  const counted = searchFacets(db, where, w.params, q.exactFacets);
  // Facets read the rules table alone; the total needs counting only when they stopped at their sample.
  const total =
    counted.facetsOver === undefined
      ? counted.matched
      : (db.prepare(`SELECT COUNT(*) AS n FROM rules r ${where}`).get(...w.params) as { n: number }).n;
  return {
    total,
    rules: rows.map(toSummary),
    facets: counted.facets,
    ...(counted.facetsOver === undefined ? {} : { facetsOver: counted.facetsOver }),
  };
}
