/**
 * Facet counts of a search, in one place: the matching rules' facet columns are read once (from the
 * `rules_facets` index when no text is searched) and counted here. A search matching more than `FACET_SAMPLE`
 * rules is counted over its first `FACET_SAMPLE` matches and says so (`facetsOver`), so a broad search costs
 * the same on a catalog of any size. New facets are one more `FACETS` entry (or a query like `providers`).
 */
import type { Db } from './schema.js';
import type { Facet, SearchResult } from './views.js';

/** Matches counted for facets at most; more are estimated from these. */
export const FACET_SAMPLE = 2000;
/** Values listed per facet. */
const FACET_VALUES = 30;

export type FacetName = keyof SearchResult['facets'];

interface FacetRow {
  id: number;
  source_id: number;
  language: string | null;
  severity: string | null;
  status: string | null;
}

/** Each facet read from the row of a match; `none` for rules without the value, as the filters take it. */
const FACETS: Record<
  Exclude<FacetName, 'provider'>,
  (row: FacetRow, sources: Map<number, string>) => string
> = {
  language: (r) => r.language ?? 'none',
  source: (r, sources) => sources.get(r.source_id) ?? '',
  severity: (r) => r.severity ?? 'none',
  status: (r) => r.status ?? 'none',
};

export interface SearchFacets {
  /** Every match when `exact`, else at least `FACET_SAMPLE + 1` (the caller counts them). */
  matched: number;
  facets: SearchResult['facets'];
  /** How many matches the counts were taken over, when fewer than all. */
  facetsOver?: number;
}

/** `where` and `params`: the search's own clause over `rules r`. `exact` counts over every match. */
export function searchFacets(
  db: Db,
  where: string,
  params: unknown[],
  exact = false,
  sample = FACET_SAMPLE,
): SearchFacets {
  const limit = exact ? -1 : sample + 1;
  const rows = db
    .prepare(`SELECT r.id, r.source_id, r.language, r.severity, r.status FROM rules r ${where} LIMIT ?`)
    .all(...params, limit) as FacetRow[];
  const sampled = !exact && rows.length > sample;
  const counted = sampled ? rows.slice(0, sample) : rows;
  const sources = new Map(
    (db.prepare('SELECT id, name FROM sources').all() as Array<{ id: number; name: string }>).map((s) => [
      s.id,
      s.name,
    ]),
  );
  const facets = Object.fromEntries(
    Object.entries(FACETS).map(([name, valueOf]) => [name, tally(counted.map((r) => valueOf(r, sources)))]),
  ) as SearchResult['facets'];
  facets.provider = providers(
    db,
    counted.map((r) => r.id),
  );
  return { matched: rows.length, facets, ...(sampled ? { facetsOver: sample } : {}) };
}

/** Most frequent first, then by value, as many as a menu lists. */
function tally(values: string[]): Facet[] {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts]
    .map(([value, count]) => ({ value, count }))
    .sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0))
    .slice(0, FACET_VALUES);
}

/** Log providers of the matches' events, each rule once per provider. */
function providers(db: Db, ids: number[]): Facet[] {
  if (!ids.length) return [];
  return db
    .prepare(
      `SELECT provider AS value, COUNT(DISTINCT rule) AS count FROM rule_events
       WHERE rule IN (SELECT value FROM json_each(?)) GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT ${FACET_VALUES}`,
    )
    .all(JSON.stringify(ids)) as Facet[];
}
