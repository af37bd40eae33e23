/** Facet counts of a search, in one place: per value, the rules matching every filter but the facet's own. */
import type { Db } from './schema.js';
import type { Facet, FacetName, SearchQuery } from './views.js';
import { whereOf, whereSql, type FacetFilter } from './search-filters.js';

/** The most values a facet lists; its first ones by count. */
const FACET_VALUES = 30;

interface FacetSql {
  /** The filter the facet stands for. */
  filter: Exclude<FacetFilter, 'tactic'>;
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

function countFacet(db: Db, q: SearchQuery, f: FacetSql): Facet[] {
  const w = whereOf(q, { without: f.filter });
  const count = f.distinct ? 'COUNT(DISTINCT r.id)' : 'COUNT(*)';
  return db
    .prepare(
      `SELECT ${f.value} AS value, ${count} AS count FROM rules r ${f.join ?? ''} ${whereSql(w)}
       GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT ${FACET_VALUES}`,
    )
    .all(...w.params) as Facet[];
}

const tacticMaps = new WeakMap<object, Map<string, string[]>>();

/** Technique → its tactics, built once per ATT&CK pairs list. */
function tacticsByTechnique(pairs: NonNullable<SearchQuery['tacticPairs']>): Map<string, string[]> {
  let map = tacticMaps.get(pairs);
  if (!map) {
    map = new Map();
    for (const [technique, tactic] of pairs) map.set(technique, [...(map.get(technique) ?? []), tactic]);
    tacticMaps.set(pairs, map);
  }
  return map;
}

/**
 * Rules per tactic: the matching rules' techniques read once and placed by ATT&CK's technique → tactic pairs
 * here (a join on pairs bound as JSON would read them again for every row).
 */
function tacticFacet(db: Db, q: SearchQuery, pairs: NonNullable<SearchQuery['tacticPairs']>): Facet[] {
  const tacticsOf = tacticsByTechnique(pairs);
  const w = whereOf(q, { without: 'tactic' });
  // Without a filter the technique table alone answers: the rules table is wide to scan. Rows come in rule
  // order, so a rule counts once per tactic by remembering the last rule counted there.
  const sql = w.clauses.length
    ? `SELECT rt.rule, rt.technique FROM rule_techniques rt JOIN rules r ON r.id = rt.rule ${whereSql(w)} ORDER BY rt.rule`
    : 'SELECT rule, technique FROM rule_techniques ORDER BY rule';
  const rows = db
    .prepare(sql)
    .raw()
    .all(...w.params) as Array<[number, string]>;
  const counts = new Map<string, { count: number; last: number }>();
  for (const [rule, technique] of rows)
    for (const tactic of tacticsOf.get(technique) ?? []) {
      const c = counts.get(tactic);
      if (!c) counts.set(tactic, { count: 1, last: rule });
      else if (c.last !== rule) {
        c.count++;
        c.last = rule;
      }
    }
  return [...counts]
    .map(([value, c]) => ({ value, count: c.count }))
    .sort((a, b) => b.count - a.count || a.value.localeCompare(b.value))
    .slice(0, FACET_VALUES);
}

/** Every facet of a search; the tactic facet only when the query carries ATT&CK's technique → tactic pairs. */
export function searchFacets(db: Db, q: SearchQuery): Record<FacetName, Facet[]> {
  return {
    language: countFacet(db, q, FACETS.language),
    source: countFacet(db, q, FACETS.source),
    severity: countFacet(db, q, FACETS.severity),
    status: countFacet(db, q, FACETS.status),
    provider: countFacet(db, q, FACETS.provider),
    tactic: q.tacticPairs ? tacticFacet(db, q, q.tacticPairs) : [],
  };
}
