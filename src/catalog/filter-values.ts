/** The values a search filter can take in this catalog, and the first filter value it does not know. */
import { closestWord } from '../text/closest.js';
import type { Db } from './schema.js';
import type { FilterChoice } from './views.js';
import { choices, NONE } from './search-filters.js';

/** Filters whose values are a closed set: the catalog's languages, sources, severities and statuses. */
export interface FilterValues {
  language: string[];
  source: string[];
  severity: string[];
  status: string[];
}

/** A filter value the catalog does not have, with the nearest one it has. */
export interface UnknownFilter {
  filter: keyof FilterValues | 'tactic';
  value: string;
  suggestion?: string;
  known: string[];
}

export { NONE };

export function filterValues(db: Db): FilterValues {
  const values = (sql: string): string[] => (db.prepare(sql).pluck().all() as string[]).filter(Boolean);
  return {
    language: [...values('SELECT DISTINCT language FROM rules WHERE language IS NOT NULL ORDER BY 1'), NONE],
    source: values('SELECT name FROM sources ORDER BY 1'),
    severity: [
      ...values('SELECT DISTINCT lower(severity) FROM rules WHERE severity IS NOT NULL ORDER BY 1'),
      NONE,
    ],
    status: [...values('SELECT DISTINCT lower(status) FROM rules WHERE status IS NOT NULL ORDER BY 1'), NONE],
  };
}

/** Filters as a request gives them: one value or several each. */
export type GivenFilters = Partial<Record<keyof FilterValues | 'tactic', FilterChoice>>;

/** The first value of the given filters that is not among `known`, case-insensitively. */
export function unknownFilter(
  given: GivenFilters,
  known: Partial<Record<keyof FilterValues | 'tactic', string[]>>,
): UnknownFilter | undefined {
  for (const [filter, choice] of Object.entries(given) as Array<
    [keyof FilterValues | 'tactic', FilterChoice]
  >) {
    const list = known[filter];
    if (!list) continue;
    const value = choices(choice).find((v) => !list.some((k) => k.toLowerCase() === v.toLowerCase()));
    if (value) return { filter, value, suggestion: closestWord(value, list), known: list };
  }
  return undefined;
}

/** The problem in words: `unknown language "sigmaa"; did you mean "sigma"?` */
export function unknownFilterMessage(problem: UnknownFilter): string {
  const hint = problem.suggestion
    ? `did you mean "${problem.suggestion}"?`
    : `known: ${problem.known.slice(0, 12).join(', ')}${problem.known.length > 12 ? ', …' : ''}`;
  return `unknown ${problem.filter} "${problem.value}"; ${hint}`;
}
