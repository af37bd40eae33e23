/** `ruleatlas search [TEXT] [filters]`: rules that match, with facet counts. */
import { openCatalog } from '../catalog-file.js';
import { checkFilters } from '../filters.js';
import { loadAttack } from '../../knowledge/attack/index.js';
import { searchCatalog, type SearchRequest } from '../../catalog/rule-search.js';
import { searchTextProblem } from '../../catalog/search.js';
import { print, printJson, printTable, UsageError } from '../output.js';

export interface SearchCommandOptions extends Omit<SearchRequest, 'text'> {
  db: string;
  json?: boolean;
}

export function searchCommand(words: string[], options: SearchCommandOptions): number {
  const catalog = openCatalog(options.db);
  try {
    const { db: _db, json, ...filters } = options;
    const { language, source, severity, status, tactic } = options;
    const attack = tactic ? loadAttack({ catalog }).data : undefined;
    checkFilters(catalog, { language, source, severity, status, tactic }, attack?.tactics);
    const text = words.join(' ');
    const problem = searchTextProblem(text);
    if (problem) throw new UsageError(problem);
    const result = searchCatalog(catalog, { ...filters, text }, attack);
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
