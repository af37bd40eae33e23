/** Filter values a command was given that the catalog does not know: a usage error naming the nearest one. */
import type { Catalog } from '../catalog/catalog.js';
import { unknownFilter, unknownFilterMessage, type GivenFilters } from '../catalog/filter-values.js';
import type { Tactic } from '../knowledge/attack/index.js';
import { UsageError } from './output.js';

/** Each tactic by shortname, id and name, as filters accept it. */
export function tacticWords(tactics: readonly Tactic[]): string[] {
  return tactics.flatMap((t) => [t.shortname, t.id, t.name]);
}

export function checkFilters(catalog: Catalog, given: GivenFilters, tactics?: readonly Tactic[]): void {
  if (!Object.values(given).some((v) => v?.length)) return;
  const known = { ...catalog.filterValues(), tactic: tactics ? tacticWords(tactics) : undefined };
  const problem = unknownFilter(given, known);
  if (problem) throw new UsageError(unknownFilterMessage(problem));
}
