/** `ruleatlas search [TEXT] [filters]`: rules that match, with facet counts. */
import { Catalog } from '../../catalog/catalog.js';
import { searchCatalog, type SearchRequest } from '../../catalog/rule-search.js';
import { print, printJson, printTable } from '../output.js';

export interface SearchCommandOptions extends Omit<SearchRequest, 'text'> {
  db: string;
  json?: boolean;
}

export function searchCommand(words: string[], options: SearchCommandOptions): number {
  const catalog = Catalog.open(options.db, { readonly: true });
  try {
    const { db: _db, json, ...filters } = options;
    const result = searchCatalog(catalog, { ...filters, text: words.join(' ') });
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
