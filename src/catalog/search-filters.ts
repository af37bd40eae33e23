/** The WHERE clause of a catalog search: words and each filter as SQL over `rules r`, every value bound. */
import type { FacetName, FilterChoice, SearchQuery } from './views.js';

/** `none` stands for rules without the value (no severity, no language). */
export const NONE = 'none';

export interface Where {
  clauses: string[];
  params: unknown[];
}

/** The filters a facet stands for: its counts leave its own filter out. */
export type FacetFilter = Exclude<FacetName, 'provider'> | 'event';

/** A filter's values as a list: one value, several (OR-ed), blanks dropped. */
export function choices(choice: FilterChoice | undefined): string[] {
  if (choice === undefined) return [];
  const list: readonly string[] = typeof choice === 'string' ? [choice] : choice;
  return list.map((v) => v.trim()).filter(Boolean);
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

/** `clause` SQL with `?` for one value: the values OR-ed, `none` selecting rules without a value. */
function anyOf(column: string, values: string[], w: Where): void {
  if (!values.length) return;
  const parts = values.map((v) => {
    if (v.toLowerCase() === NONE) return `${column} IS NULL`;
    w.params.push(v);
    return `${column} = ? COLLATE NOCASE`;
  });
  w.clauses.push(parts.length === 1 ? parts[0]! : `(${parts.join(' OR ')})`);
}

function techniqueClause(values: string[], w: Where): void {
  if (!values.length) return;
  const parts = values.map((v) => {
    if (v.toLowerCase() === NONE) return 'r.id NOT IN (SELECT rule FROM rule_techniques)';
    w.params.push(v.toUpperCase(), `${v.toUpperCase()}.%`);
    return 'r.id IN (SELECT rule FROM rule_techniques WHERE technique = ? OR technique LIKE ?)';
  });
  w.clauses.push(parts.length === 1 ? parts[0]! : `(${parts.join(' OR ')})`);
}

function eventClause(values: string[], w: Where): void {
  if (!values.length) return;
  w.clauses.push(
    `r.id IN (SELECT rule FROM rule_events WHERE ${values.map(() => '(provider = ? COLLATE NOCASE OR event = ? COLLATE NOCASE)').join(' OR ')})`,
  );
  for (const v of values) w.params.push(v, v);
}

/** Field, value and op of an indicator filter; the field matches as written or through its taxonomy concept. */
function indicatorClause(q: SearchQuery, w: Where): void {
  if (!q.field && !q.value && !q.op) return;
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
  w.clauses.push(`r.id IN (SELECT rule FROM indicators i WHERE ${parts.join(' AND ')})`);
}

/**
 * The query's conditions. `without` leaves one filter out (a facet's own); `words: false` leaves the full
 * text out, for a query that joins the text index itself to rank by it.
 */
export function whereOf(q: SearchQuery, options: { without?: FacetFilter; words?: boolean } = {}): Where {
  const w: Where = { clauses: [], params: [] };
  const problem = searchTextProblem(q.text);
  if (problem) throw new UnsearchableText(problem);
  const fts = options.words !== false && q.text ? ftsQuery(q.text) : undefined;
  if (fts) {
    w.clauses.push('r.id IN (SELECT rowid FROM rules_fts WHERE rules_fts MATCH ?)');
    w.params.push(fts);
  }
  const use = (filter: FacetFilter): boolean => options.without !== filter;
  if (use('language')) anyOf('r.language', choices(q.language), w);
  const sources = use('source') ? choices(q.source) : [];
  if (sources.length) {
    w.clauses.push(
      `r.source_id IN (SELECT id FROM sources WHERE name IN (${sources.map(() => '?').join(', ')}))`,
    );
    w.params.push(...sources);
  }
  if (use('severity')) anyOf('r.severity', choices(q.severity), w);
  if (use('status')) anyOf('r.status', choices(q.status), w);
  techniqueClause(choices(q.technique), w);
  if (use('tactic') && q.tacticTechniques) {
    w.clauses.push(
      'r.id IN (SELECT rule FROM rule_techniques WHERE technique IN (SELECT value FROM json_each(?)))',
    );
    w.params.push(JSON.stringify(q.tacticTechniques));
  }
  if (use('event')) eventClause(choices(q.event), w);
  indicatorClause(q, w);
  return w;
}

/** `WHERE …` or nothing. */
export function whereSql(w: Where): string {
  return w.clauses.length ? `WHERE ${w.clauses.join(' AND ')}` : '';
}
