/** `ruleatlas indicators [--field F] [--value V] [--top N]`: indicators with corpus counts; with a value, the rules behind them. */
import { openCatalog } from '../catalog-file.js';
import { canonicalField } from '../../knowledge/fields/index.js';
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
    const canonical = options.field ? canonicalField(options.field, { language: 'sigma' }) : undefined;
    const list = catalog.indicators({
      field: options.field,
      canonical,
      value: options.value,
      op: options.op,
      kind: options.kind,
      top: options.top,
    });
    const withRules = options.value
      ? list.map((i) => ({ ...i, rules: catalog.indicatorRules(i, true) }))
      : list;
    if (options.json) printJson({ indicators: withRules });
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
      if (options.value) {
        for (const i of withRules as Array<
          (typeof list)[number] & { rules: Array<{ language: string | null; key: string }> }
        >) {
          print(`\n${i.canonical} ${i.op} ${i.value}`);
          for (const r of i.rules) print(`  ${r.language ?? '-'}  ${r.key}`);
        }
      }
    }
    return list.length > 0 ? 0 : 1;
  } finally {
    catalog.close();
  }
}
