/** The values a search filter can take in this catalog, and the first filter value it does not know. */
import { closestWord } from '../text/closest.js';
import type { Db } from './schema.js';

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

/** `none` stands for rules without the value (no severity, no language). */
export const NONE = 'none';

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

/** The first of the given filters whose value is not among `known`, case-insensitively. */
export function unknownFilter(
  given: Partial<Record<keyof FilterValues | 'tactic', string>>,
  known: Partial<Record<keyof FilterValues | 'tactic', string[]>>,
): UnknownFilter | undefined {
  for (const [filter, value] of Object.entries(given) as Array<
    [keyof FilterValues | 'tactic', string | undefined]
  >) {
    const list = known[filter];
    if (!value || !list || list.some((k) => k.toLowerCase() === value.toLowerCase())) continue;
    return { filter, value, suggestion: closestWord(value, list), known: list };
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
