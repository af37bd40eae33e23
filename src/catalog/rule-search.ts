/** A search as people ask it (words, a tactic by name, a field as written) turned into the catalog's query. */
import { loadAttack, tacticTechniques, type AttackData } from '../knowledge/attack/index.js';
import { canonicalField } from '../knowledge/fields/index.js';
import type { SearchQuery, SearchResult } from './views.js';
import type { Catalog } from './catalog.js';

export interface SearchRequest extends Omit<SearchQuery, 'tacticTechniques' | 'canonical'> {
  /** A tactic by id (`TA0003`), shortname or name, resolved with the loaded ATT&CK data. */
  tactic?: string;
}

/** `attack`: the ATT&CK data to resolve a tactic with, when the caller has loaded it already. */
export function searchCatalog(catalog: Catalog, request: SearchRequest, attack?: AttackData): SearchResult {
  const { tactic, ...filters } = request;
  const query: SearchQuery = { ...filters, text: request.text?.trim() || undefined };
  if (tactic) query.tacticTechniques = tacticTechniques(attack ?? loadAttack({ catalog }).data, tactic);
  if (request.field)
    query.canonical = canonicalField(request.field, { language: request.language ?? 'sigma' });
  return catalog.search(query);
}
