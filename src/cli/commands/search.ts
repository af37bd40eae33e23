/** `ruleatlas search [TEXT] [filters]`: rules that match, with facet counts; or all of them as CSV. */
import { openCatalog } from '../catalog-file.js';
import { checkFilters } from '../filters.js';
import { loadAttack } from '../../knowledge/attack/index.js';
import { exportCatalog, searchCatalog, type SearchRequest } from '../../catalog/rule-search.js';
import { searchCsv } from '../../catalog/search-csv.js';
import { searchTextProblem } from '../../catalog/search.js';
import { plural } from '../../text/plural.js';
import { print, printJson, printTable, UsageError } from '../output.js';

export interface SearchCommandOptions extends Omit<SearchRequest, 'text'> {
  db: string;
  json?: boolean;
  /** Every matching rule as CSV, unpaged. */
  csv?: boolean;
}

export function searchCommand(words: string[], options: SearchCommandOptions): number {
  const catalog = openCatalog(options.db);
  try {
    const { db: _db, json, csv, ...filters } = options;
    const { language, source, severity, status, tactic } = options;
    const attack = loadAttack({ catalog }).data;
    checkFilters(catalog, { language, source, severity, status, tactic }, attack.tactics);
    const text = words.join(' ');
    const problem = searchTextProblem(text);
    if (problem) throw new UsageError(problem);
    const request = { ...filters, text };
    if (csv) {
      const rules = exportCatalog(catalog, request, attack);
      process.stdout.write(searchCsv(rules));
      return rules.length > 0 ? 0 : 1;
    }
    const result = searchCatalog(catalog, request, attack);
    if (json) printJson(result);
    else {
      print(plural(result.total, 'rule'));
      printTable(
        ['language', 'title', 'techniques', 'key'],
        result.rules.map((r) => [r.language ?? '-', r.title, r.techniques.join(' ') || '-', r.key]),
      );
    }
    return result.total > 0 ? 0 : 1;
  } finally {
    catalog.close();
  }
}
