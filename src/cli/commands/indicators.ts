/** `ruleatlas indicators [--field F] [--value V] [--top N]`: indicators with corpus counts; with a value, the rules behind them. */
import { openCatalog } from '../catalog-file.js';
import { lookupIndicators } from '../../catalog/indicator-lookup.js';
import { print, printJson, printTable } from '../output.js';

export interface IndicatorsCommandOptions {
  db: string;
  json?: boolean;
  field?: string;
  value?: string;
  op?: string;
  kind?: string;
  top?: number;
}

export function indicatorsCommand(options: IndicatorsCommandOptions): number {
  const catalog = openCatalog(options.db);
  try {
    const { db: _db, json: _json, ...request } = options;
    const list = lookupIndicators(catalog, request);
    if (options.json) printJson({ indicators: list });
    else {
      const by = (m: Record<string, number>): string =>
        Object.entries(m)
          .map(([l, n]) => `${l} ${n}`)
          .join(', ');
      printTable(
        ['count', 'kind', 'canonical', 'op', 'value', 'by language', 'with equivalents'],
        list.map((i) => [
          i.count,
          i.kind,
          i.canonical,
          i.op,
          i.value,
          by(i.byLanguage),
          `${i.equivalentCount} (${by(i.equivalentByLanguage)})`,
        ]),
      );
      for (const i of list) {
        if (!i.rules) continue;
        print(`\n${i.canonical} ${i.op} ${i.value}`);
        for (const r of i.rules) print(`  ${r.language ?? '-'}  ${r.key}`);
      }
    }
    return list.length > 0 ? 0 : 1;
  } finally {
    catalog.close();
  }
}
