/** Catalog search: full text over title, description, query and tags, narrowed by facets, ranked or sorted. */
import type { Db } from './schema.js';
import type { RuleSummary, SearchQuery, SearchResult, SearchSort } from './views.js';
import { ftsQuery, whereOf, whereSql } from './search-filters.js';
import { searchFacets } from './search-facets.js';
import { severityRanks } from '../knowledge/severity.js';

export { ftsQuery, searchTextProblem, UnsearchableText } from './search-filters.js';

export const SUMMARY_COLUMNS = `r.key, r.rule_id AS id, r.title, r.language, r.format, s.name AS source,
  f.path, r.severity, r.status, r.parsed,
  (SELECT group_concat(technique, ' ') FROM (SELECT technique FROM rule_techniques WHERE rule = r.id ORDER BY 1)) AS techniques`;

export function toSummary(row: Record<string, unknown>): RuleSummary {
  const techniques = typeof row.techniques === 'string' && row.techniques ? row.techniques.split(' ') : [];
  return {
    ...(row as unknown as RuleSummary),
    parsed: row.parsed === 1 || row.parsed === true,
    techniques,
  };
}

const FROM = 'FROM rules r JOIN sources s ON s.id = r.source_id JOIN files f ON f.id = r.file_id';

/**
 * Column weights of bm25 over the text index (title, description, query, tags): a word in the title
 * counts most, so rules named for what was asked come before rules that only mention it.
 */
const BM25 = 'bm25(rules_fts, 10.0, 3.0, 1.0, 2.0)';

/** The most rows one export reads: more than any catalog's rules today, a bound all the same. */
export const EXPORT_LIMIT = 100_000;

interface Ordered {
  /** Joined after FROM: the text index with each rule's rank, for relevance. */
  join: string;
  orderBy: string;
  params: unknown[];
}

/** The sort asked for, or the natural one: relevance when there are words, title otherwise. */
export function effectiveSort(q: SearchQuery): SearchSort {
  const words = q.text ? ftsQuery(q.text) : undefined;
  if (q.sort === 'relevance' && !words) return 'title';
  return q.sort ?? (words ? 'relevance' : 'title');
}

function ordering(q: SearchQuery): Ordered {
  const byTitle = 'r.title COLLATE NOCASE, r.key';
  switch (effectiveSort(q)) {
    case 'relevance':
      // A title holding the whole text goes first; then bm25, lower is better.
      return {
        join: `JOIN (SELECT rowid, ${BM25} AS rank FROM rules_fts WHERE rules_fts MATCH ?) m ON m.rowid = r.id`,
        orderBy: `instr(lower(r.title), lower(?)) = 0, m.rank, ${byTitle}`,
        params: [ftsQuery(q.text ?? ''), q.text?.trim() ?? ''],
      };
    case 'date':
      return { join: '', orderBy: `r.updated IS NULL, r.updated DESC, ${byTitle}`, params: [] };
    case 'severity': {
      const ranks = Object.entries(severityRanks());
      const cases = ranks.map(() => 'WHEN ? THEN ?').join(' ');
      return {
        join: '',
        orderBy: `CASE lower(r.severity) ${cases} ELSE ${ranks.length + 1} END, ${byTitle}`,
        params: ranks.flat(),
      };
    }
    default:
      return { join: '', orderBy: byTitle, params: [] };
  }
}

/** One page (or, for an export, every row up to `limit`) of the rules that match, in the asked order. */
function matchingRules(db: Db, q: SearchQuery, limit: number, offset: number): RuleSummary[] {
  const order = ordering(q);
  // A ranked query joins the text index itself: matching it again in WHERE would read it twice.
  const w = whereOf(q, { words: !order.join });
  const params = order.join
    ? [order.params[0], ...w.params, ...order.params.slice(1)]
    : [...w.params, ...order.params];
  const rows = db
    .prepare(
      `SELECT ${SUMMARY_COLUMNS} ${FROM} ${order.join} ${whereSql(w)} ORDER BY ${order.orderBy} LIMIT ? OFFSET ?`,
    )
    .all(...params, limit, offset) as Record<string, unknown>[];
  return rows.map(toSummary);
}

export function searchRules(db: Db, q: SearchQuery): SearchResult {
  const limit = Math.min(Math.max(q.limit ?? 50, 1), 500);
  const offset = Math.max(q.offset ?? 0, 0);
  const w = whereOf(q);
  // The count and facets read the rules table alone: the joins above are only for the page of results.
  const total = (
    db.prepare(`SELECT COUNT(*) AS n FROM rules r ${whereSql(w)}`).get(...w.params) as { n: number }
  ).n;
  return { total, rules: matchingRules(db, q, limit, offset), facets: searchFacets(db, q) };
}

/** Every rule that matches, in the asked order, for an export (CSV): no facets, no paging. */
export function exportRules(db: Db, q: SearchQuery): RuleSummary[] {
  return matchingRules(db, q, EXPORT_LIMIT, 0);
}
