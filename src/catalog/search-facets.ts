/** Facet counts of a search, in one place: per value, the rules matching every filter but the facet's own. */
import type { Db } from './schema.js';
import type { Facet, FacetName, SearchQuery } from './views.js';
import { whereOf, whereSql, type FacetFilter } from './search-filters.js';

/** The most values a facet lists; its first ones by count. */
const FACET_VALUES = 30;

interface FacetSql {
  /** The filter the facet stands for. */
  filter: FacetFilter;
  /** The value each rule counts under. */
  value: string;
  join?: string;
  /** Rules, not joined rows, when a join repeats a rule. */
  distinct?: boolean;
}

const FACETS: Record<Exclude<FacetName, 'tactic'>, FacetSql> = {
  language: { filter: 'language', value: "COALESCE(r.language, 'none')" },
  source: { filter: 'source', value: '(SELECT name FROM sources WHERE id = r.source_id)' },
  severity: { filter: 'severity', value: "COALESCE(lower(r.severity), 'none')" },
  status: { filter: 'status', value: "COALESCE(lower(r.status), 'none')" },
  provider: {
    filter: 'event',
    value: 'e.provider',
    join: 'JOIN rule_events e ON e.rule = r.id',
    distinct: true,
  },
};

/** ATT&CK's technique → tactic pairs as a table the tactic facet joins. */
const TACTIC_JOIN = `JOIN rule_techniques rt ON rt.rule = r.id
  JOIN (SELECT json_extract(value, '$[0]') AS technique, json_extract(value, '$[1]') AS tactic FROM json_each(?)) tt
  ON tt.technique = rt.technique`;

function countFacet(db: Db, q: SearchQuery, f: FacetSql, joinParams: unknown[] = []): Facet[] {
  const w = whereOf(q, { without: f.filter });
  const count = f.distinct ? 'COUNT(DISTINCT r.id)' : 'COUNT(*)';
  return db
    .prepare(
      `SELECT ${f.value} AS value, ${count} AS count FROM rules r ${f.join ?? ''} ${whereSql(w)}
       GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT ${FACET_VALUES}`,
    )
    .all(...joinParams, ...w.params) as Facet[];
}

/** Every facet of a search; the tactic facet only when the query carries ATT&CK's technique → tactic pairs. */
export function searchFacets(db: Db, q: SearchQuery): Record<FacetName, Facet[]> {
  const tactic = q.tacticPairs
    ? countFacet(db, q, { filter: 'tactic', value: 'tt.tactic', join: TACTIC_JOIN, distinct: true }, [
        JSON.stringify(q.tacticPairs),
      ])
    : [];
  return {
    language: countFacet(db, q, FACETS.language),
    source: countFacet(db, q, FACETS.source),
    severity: countFacet(db, q, FACETS.severity),
    status: countFacet(db, q, FACETS.status),
    provider: countFacet(db, q, FACETS.provider),
    tactic,
  };
}
