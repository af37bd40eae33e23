/** A search as people ask it (words, tactics by name, a field as written) turned into the catalog's query. */
import {
  loadAttack,
  tacticTechniques,
  techniqueTacticPairs,
  type AttackData,
} from '../knowledge/attack/index.js';
import { canonicalField } from '../knowledge/fields/index.js';
import { LANGUAGE_IDS, type LanguageId } from '../model/ids.js';
import type { FilterChoice, RuleSummary, SearchQuery, SearchResult } from './views.js';
import { choices } from './search-filters.js';
import type { Catalog } from './catalog.js';

export interface SearchRequest extends Omit<SearchQuery, 'tacticTechniques' | 'tacticPairs' | 'canonical'> {
  /** Tactics by id (`TA0003`), shortname or name, resolved with the loaded ATT&CK data; several OR-ed. */
  tactic?: FilterChoice;
}

/** The catalog's query for a request, with ATT&CK data to resolve tactics and count rules per tactic. */
export function searchQueryOf(request: SearchRequest, attack: AttackData): SearchQuery {
  const { tactic, ...filters } = request;
  const query: SearchQuery = {
    ...filters,
    text: request.text?.trim() || undefined,
    tacticPairs: techniqueTacticPairs(attack),
  };
  const tactics = choices(tactic);
  if (tactics.length)
    query.tacticTechniques = [...new Set(tactics.flatMap((t) => tacticTechniques(attack, t)))];
  if (request.field)
    query.canonical = canonicalField(request.field, { language: fieldLanguage(request.language) });
  return query;
}

/** Field names are looked up in the taxonomy as the (first) chosen language writes them; Sigma's names when none is chosen. */
function fieldLanguage(language: FilterChoice | undefined): LanguageId {
  const first = choices(language)[0];
  return LANGUAGE_IDS.find((id) => id === first) ?? 'sigma';
}

/** `attack`: the ATT&CK data to resolve tactics with, when the caller has loaded it already. */
export function searchCatalog(catalog: Catalog, request: SearchRequest, attack?: AttackData): SearchResult {
  return catalog.search(searchQueryOf(request, attack ?? loadAttack({ catalog }).data));
}

/** Every rule a request matches, in its order, for an export. */
export function exportCatalog(catalog: Catalog, request: SearchRequest, attack?: AttackData): RuleSummary[] {
  return catalog.exportSearch(searchQueryOf(request, attack ?? loadAttack({ catalog }).data));
}
