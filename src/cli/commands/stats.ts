/** `ruleatlas stats`: per source and language, how many rules there are and how many parsed. */
import { openCatalog } from '../catalog-file.js';
import { sumStats } from '../../catalog/stats.js';
import { percent, print, printJson, printLanguageTable, printTable } from '../output.js';

export function statsCommand(options: { db: string; json?: boolean }): number {
  const catalog = openCatalog(options.db);
  try {
    const sources = catalog.sources();
    const total = sumStats(sources);
    if (options.json) printJson({ ...total, sources });
    else {
      printTable(
        ['source', 'files', 'skipped', 'rules', 'parsed', 'parsed %'],
        sources.map((s) => [s.name, s.files, s.skipped, s.rules, s.parsed, percent(s.parsed, s.rules)]),
      );
      print();
      printLanguageTable(total.byLanguage);
    }
    return 0;
  } finally {
    catalog.close();
  }
}
