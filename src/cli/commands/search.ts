/** `ruleatlas search [TEXT] [filters]`: rules that match, with facet counts. */
import { openCatalog } from '../catalog-file.js';
import { checkFilters } from '../filters.js';
import { loadAttack, tacticTechniques } from '../../knowledge/attack/index.js';
import { canonicalField } from '../../knowledge/fields/index.js';
import type { SearchQuery } from '../../catalog/views.js';
import { print, printJson, printTable } from '../output.js';

export interface SearchCommandOptions extends Omit<SearchQuery, 'text' | 'tacticTechniques' | 'canonical'> {
  db: string;
  json?: boolean;
  tactic?: string;
}

export function searchCommand(words: string[], options: SearchCommandOptions): number {
  const catalog = openCatalog(options.db);
  try {
    const { db: _db, json, tactic, ...filters } = options;
    const query: SearchQuery = { ...filters, text: words.join(' ') || undefined };
    const attack = tactic ? loadAttack({ catalog }).data : undefined;
    const { language, source, severity, status } = options;
    checkFilters(catalog, { language, source, severity, status, tactic }, attack?.tactics);
    if (tactic) query.tacticTechniques = tacticTechniques(attack!, tactic);
    if (options.field)
      query.canonical = canonicalField(options.field, { language: options.language ?? 'sigma' });
    const result = catalog.search(query);
    if (json) printJson(result);
    else {
      print(`${result.total} rules`);
      printTable(
        ['language', 'title', 'key'],
        result.rules.map((r) => [r.language ?? '-', r.title, r.key]),
      );
    }
    return result.total > 0 ? 0 : 1;
  } finally {
    catalog.close();
  }
}
